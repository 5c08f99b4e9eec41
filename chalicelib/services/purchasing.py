"""Purchasing: suppliers, purchase orders through their state machine, receipts
that add stock (one transaction per receipt, idempotent by receipt id) and a
stock alert's suggestion drafted as a purchase order in one call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

from ..domain import purchasing as domain
from ..domain.clock import Clock, to_rfc3339
from ..domain.error_codes import CommonErrorCode, InventoryErrorCode
from ..domain.errors import Conflict, ErrorList, FieldError, NotFound, ValidationFailed
from ..domain.ids import new_id
from ..domain.purchasing import PoLine, PurchaseOrder, Receipt, Supplier
from ..domain.stock_alerts import StockAlert
from .inventory import stock_events
from .planning_ports import Guard, PurchasingRepository
from .ports import InventoryRepository, LedgerEntry, OutboxEvent, Page, Position
from .retry import retry_on_conflict

ATTEMPTS = 6  # a receipt's transaction conflicts with checkouts on its SKUs: read again and retry
RECEIPT_REASON = "purchase_receipt"


class AlertReader(Protocol):
    def get(self, alert_id: str) -> StockAlert | None: ...


class PurchasingService:
    def __init__(
        self,
        repo: PurchasingRepository,
        inventory: InventoryRepository,
        alerts: AlertReader,
        clock: Clock,
        currency: str,
        relay: Callable[[list[OutboxEvent]], Any] | None = None,
        supplier_of: Callable[[str], str | None] | None = None,  # a SKU's planned supplier
    ) -> None:
        self.repo, self.inventory, self.alerts, self.clock = repo, inventory, alerts, clock
        self.currency, self.relay = currency, relay
        self.supplier_of = supplier_of or (lambda _code: None)

    # --- suppliers --------------------------------------------------------------------------
    def add_supplier(self, name: str, lead_time_days: int, contact: Mapping[str, str] | None) -> Supplier:
        supplier = Supplier(new_id("sup"), name, lead_time_days, self.clock.now(), dict(contact or {}))
        self.repo.add_supplier(supplier)
        return supplier

    def supplier(self, supplier_id: str) -> Supplier:
        found = self.repo.get_supplier(supplier_id)
        if found is None:
            raise NotFound(f"No supplier {supplier_id}.")
        return found

    def suppliers(self, limit: int, after: Position | None) -> Page:
        return self.repo.suppliers(limit, after)

    # --- purchase orders --------------------------------------------------------------------
    def draft(
        self, supplier_id: str, lines: list[tuple[str, int, int]], actor: str, alert_id: str | None = None
    ) -> PurchaseOrder:
        self.supplier(supplier_id)
        errors = ErrorList()
        seen: set[str] = set()
        for i, (sku, _quantity, _cost) in enumerate(lines):
            if sku in seen:
                errors.add(f"lines.{i}.sku", "duplicate", f"{sku} is on the order twice.")
            elif self.inventory.get(sku) is None:
                errors.add(f"lines.{i}.sku", "unknown_sku", f"No SKU {sku}.")
            seen.add(sku)
        errors.raise_if_any()
        now = self.clock.now()
        po = PurchaseOrder(
            id=new_id("po"),
            supplier_id=supplier_id,
            status="draft",
            lines=tuple(PoLine(sku, quantity, cost) for sku, quantity, cost in lines),
            currency=self.currency,
            created_at=now,
            updated_at=now,
            created_by=actor,
            history=({"at": to_rfc3339(now), "from": None, "to": "draft", "actor": actor, "reason": None},),
            alert_id=alert_id,
        )
        self.repo.add_po(po)
        return po

    def draft_from_alert(self, alert_id: str, supplier_id: str | None, actor: str) -> tuple[PurchaseOrder, bool]:
        """The alert's suggestion as a draft: (the order, whether it was made now). One
        draft per alert: asked again, the one drafted before."""
        existing = self.repo.po_for_alert(alert_id)
        if existing is not None:
            return self.get(existing), False
        alert = self.alerts.get(alert_id)
        if alert is None:
            raise NotFound(f"No stock alert {alert_id}.")
        supplier_id = supplier_id or self.supplier_of(alert.sku)
        if supplier_id is None:
            raise ValidationFailed(
                "Name the supplier: the SKU's plan names none.",
                [FieldError("supplier_id", "required", "The supplier to order from.")],
            )
        found = self.inventory.get(alert.sku)
        cost = found[0].cost_price if found is not None and found[0].cost_price is not None else 0
        quantity = domain.suggested_quantity(int(alert.suggestion.get("reorder_quantity") or 0))
        try:
            return self.draft(supplier_id, [(alert.sku, quantity, cost)], actor, alert_id=alert_id), True
        except Conflict as error:
            if error.code != InventoryErrorCode.ALERT_OPEN:
                raise
            existing = self.repo.po_for_alert(alert_id)  # drafted meanwhile by another call
            if existing is None:
                raise
            return self.get(existing), False

    def get(self, po_id: str) -> PurchaseOrder:
        po = self.repo.get_po(po_id)
        if po is None:
            raise NotFound(f"No purchase order {po_id}.")
        return po

    def orders(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in domain.STATUSES:
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", ", ".join(domain.STATUSES))]
            )
        return self.repo.pos_by_status(status, limit, after)

    def move(self, po_id: str, to: str, actor: str, reason: str | None = None) -> PurchaseOrder:
        """order (draft -> ordered), cancel, close: through the transition table."""

        def attempt() -> PurchaseOrder:
            po = self.get(po_id)
            moved = replace(domain.move(po, to, self.clock.now(), actor, reason), version=po.version + 1)
            self.repo.save_po(moved, po.version)
            return moved

        return retry_on_conflict(attempt, ATTEMPTS)

    # --- receipts ---------------------------------------------------------------------------
    def receive(self, po_id: str, receipt_id: str, lines: list[tuple[str, int]], actor: str) -> tuple[Receipt, bool]:
        """Adds what arrived: (the receipt, whether it was recorded now). The same receipt
        id again, with the same lines, answers the receipt recorded before and adds
        nothing; with other lines (or another order) it is refused."""
        receipt = Receipt(receipt_id, po_id, tuple(lines), self.clock.now(), actor)

        def attempt() -> tuple[Receipt, bool]:
            po = self.get(po_id)  # the order first: a receipt recorded meanwhile is then found below
            before = self.repo.get_receipt(receipt_id)
            if before is not None:
                return self._replayed(before, receipt), False
            try:
                after = replace(domain.receive(po, receipt), version=po.version + 1)
            except Conflict:
                # Over-receipt by this very receipt, recorded by a concurrent request between
                # the two reads (reads outside a transaction may see part of one): a replay.
                stored = self.repo.get_receipt(receipt_id)
                if stored is None:
                    raise
                return self._replayed(stored, receipt), False
            entries, guards, events = self._stock_changes(receipt, po)
            if not self.repo.receive(after, po.version, receipt, entries, guards, events):
                stored = self.repo.get_receipt(receipt_id)
                if stored is None:  # pragma: no cover - the condition failed on the receipt
                    raise Conflict("The receipt changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
                return self._replayed(stored, receipt), False
            if events and self.relay is not None:
                self.relay(events)
            return receipt, True

        return retry_on_conflict(attempt, ATTEMPTS)

    @staticmethod
    def _replayed(stored: Receipt, asked: Receipt) -> Receipt:
        if stored.po_id != asked.po_id or sorted(stored.lines) != sorted(asked.lines):
            raise Conflict(
                f"Receipt {stored.id} was recorded with other lines.", code=InventoryErrorCode.RECEIPT_ID_REUSED
            )
        return stored

    def _stock_changes(
        self, receipt: Receipt, po: PurchaseOrder
    ) -> tuple[list[LedgerEntry], dict[str, Guard], list[OutboxEvent]]:
        entries, guards, events = [], {}, []
        totals: dict[str, int] = {}
        for sku, quantity in receipt.lines:
            totals[sku] = totals.get(sku, 0) + quantity
        for sku, quantity in sorted(totals.items()):
            found = self.inventory.get(sku)
            if found is None:
                raise NotFound(f"No SKU {sku}.")
            row, stock = found
            changes, guard = stock_events(row, stock.available, quantity, receipt.at)
            events += changes
            guards[sku] = guard
            entries.append(
                LedgerEntry(
                    id=new_id("led"),
                    sku=sku,
                    on_hand_delta=quantity,
                    reserved_delta=0,
                    reason=RECEIPT_REASON,
                    actor=receipt.actor,
                    at=receipt.at,
                    note=f"receipt {receipt.id}",
                    reference=po.id,
                )
            )
        return entries, guards, events
