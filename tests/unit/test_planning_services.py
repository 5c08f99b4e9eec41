"""Planning services over in-memory fakes: the daily safety stock recompute
(fixed and days-of-sales policies, the supplier's lead time, a policy changed
during the run) and receipts (a replay adds nothing, a reused id is refused)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain.catalog import Sku, StockLevel
from chalicelib.domain.errors import Conflict
from chalicelib.domain.purchasing import Supplier
from chalicelib.domain.replenishment import SafetyPolicy
from chalicelib.services.planning import PlanningPolicy, PlanningService
from chalicelib.services.planning_ports import SkuPlan
from chalicelib.services.purchasing import PurchasingService

NOW = datetime(2026, 12, 10, 3, tzinfo=UTC)


class Clock:
    def now(self) -> datetime:
        return NOW


class Inventory:
    def __init__(self, **levels: tuple[int, int]) -> None:  # code -> (safety_stock, on_hand)
        self.skus = {c: Sku(c, "prod_1", {}, 100, None, 40, 10, s) for c, (s, _) in levels.items()}
        self.on_hand = {c: h for c, (_, h) in levels.items()}

    def get(self, code):
        if code not in self.skus:
            return None
        return self.skus[code], StockLevel(self.on_hand[code], 0)


class Plans:
    def __init__(self, units: dict[str, int]) -> None:
        self.units, self.plans, self.saved = units, {}, []
        self.refuse: set[str] = set()

    def plan_of(self, code):
        return self.plans.get(code)

    def save_policy(self, code, policy, at):
        self.plans[code] = SkuPlan(code, policy, updated_at=at)
        return self.plans[code]

    def planned_codes(self):
        return sorted(self.plans)

    def save_plan(self, plan, at):
        if plan.code in self.refuse:
            return False
        self.plans[plan.code] = plan
        self.saved.append(plan)
        return True

    def units_by_sku(self, days):
        assert len(days) == 28
        return dict(self.units)


def planning(inventory, plans):
    leads = {"sup_1": 10}
    return PlanningService(plans, inventory, Clock(), PlanningPolicy(28, 7), leads.get)


def test_recompute_sets_safety_stock_by_policy_and_the_reorder_point():
    inventory = Inventory(FIX=(5, 50), DAYS=(0, 50), FLOOR=(0, 50), GONE=(0, 0))
    plans = Plans({"FIX": 56, "DAYS": 28, "GONE": 3})  # 2/day and 1/day over 28 days
    service = planning(inventory, plans)
    service.set_policy("DAYS", "days_of_sales", 3, 0, "sup_1")
    service.set_policy("FLOOR", "days_of_sales", 3, 4, None)
    del inventory.skus["GONE"]
    summary = service.recompute_safety_stock(NOW)
    assert summary["skus"] == 3 and summary["skipped"] == 1 and summary["days_of_sales"] == 2
    got = {p.code: (p.safety_stock, p.reorder_point, p.lead_time_days) for p in plans.saved}
    assert got["FIX"] == (5, 5 + 14, 7)  # fixed: the SKU's own 5; 2/day x 7 days (the store's lead time)
    assert got["DAYS"] == (3, 3 + 10, 10)  # 1/day x 3 days; the supplier's 10 days
    assert got["FLOOR"] == (4, 4, 7)  # no sales: the floor
    assert summary["window"] == {"from": "2026-11-12", "to": "2026-12-09"}


def test_a_policy_changed_during_the_run_is_skipped():
    inventory = Inventory(A=(1, 5))
    plans = Plans({"A": 28})
    plans.refuse.add("A")
    assert planning(inventory, plans).recompute_safety_stock(NOW)["skipped"] == 1


class Purchases:
    def __init__(self) -> None:
        self.suppliers, self.pos, self.receipts, self.applied = {}, {}, {}, []

    def add_supplier(self, s):
        self.suppliers[s.id] = s

    def get_supplier(self, supplier_id):
        return self.suppliers.get(supplier_id)

    def add_po(self, po):
        self.pos[po.id] = po

    def get_po(self, po_id):
        return self.pos.get(po_id)

    def po_for_alert(self, alert_id):
        return None

    def save_po(self, po, read_version):
        if self.pos[po.id].version != read_version:
            raise Conflict("moved", code="concurrent_update")
        self.pos[po.id] = po

    def get_receipt(self, receipt_id):
        return self.receipts.get(receipt_id)

    def receive(self, po, read_version, receipt, entries, guards, events):
        if receipt.id in self.receipts:
            return False
        self.save_po(po, read_version)
        self.receipts[receipt.id] = receipt
        self.applied += entries
        return True


@pytest.fixture
def purchasing():
    repo = Purchases()
    service = PurchasingService(repo, Inventory(A=(0, 0), B=(0, 3)), alerts=None, clock=Clock(), currency="CNY")
    repo.add_supplier(Supplier("sup_1", "Acme", 3, NOW))
    po = service.draft("sup_1", [("A", 5, 100), ("B", 2, 50)], "staff:k")
    service.move(po.id, "ordered", "staff:k")
    return service, repo, po.id


def test_a_receipt_replayed_adds_nothing_and_a_reused_id_is_refused(purchasing):
    service, repo, po_id = purchasing
    first, new = service.receive(po_id, "r1", [("A", 3)], "staff:k")
    again, new_again = service.receive(po_id, "r1", [("A", 3)], "staff:k")
    assert new and not new_again and again == first
    assert [(e.sku, e.on_hand_delta, e.reason) for e in repo.applied] == [("A", 3, "purchase_receipt")]
    with pytest.raises(Conflict) as reused:
        service.receive(po_id, "r1", [("A", 2)], "staff:k")
    assert reused.value.code == "receipt_id_reused"
    with pytest.raises(Conflict) as over:
        service.receive(po_id, "r2", [("A", 3)], "staff:k")  # 2 outstanding
    assert over.value.code == "over_receipt"
    _, done = service.receive(po_id, "r3", [("A", 2), ("B", 2)], "staff:k")
    assert done and service.get(po_id).status == "received"


def test_a_receipt_that_loses_a_race_reads_the_order_again(purchasing):
    service, repo, po_id = purchasing
    real = repo.receive
    raced = []

    def receive_after_a_concurrent_move(po, read_version, *rest):
        if not raced:  # another writer bumps the order first
            raced.append(True)
            repo.pos[po.id] = replace(repo.pos[po.id], version=repo.pos[po.id].version + 1)
        return real(po, read_version, *rest)

    repo.receive = receive_after_a_concurrent_move
    _, new = service.receive(po_id, "r1", [("B", 1)], "staff:k")
    assert new and service.get(po_id).lines[1].received == 1 and len(repo.applied) == 1


def test_a_restock_receipt_writes_the_restocked_event(purchasing):
    service, repo, po_id = purchasing
    events = []
    repo_receive = repo.receive

    def keep(po, read_version, receipt, entries, guards, written):
        events.extend(written)
        return repo_receive(po, read_version, receipt, entries, guards, written)

    repo.receive = keep
    service.receive(po_id, "r1", [("A", 1), ("B", 1)], "staff:k")
    kinds = sorted((e.type, e.data["sku"]) for e in events)
    assert ("stock.restocked", "A") in kinds and ("stock.restocked", "B") not in kinds  # B was not sold out


def test_the_days_policy_needs_a_known_mode_and_supplier():
    service = planning(Inventory(A=(0, 1)), Plans({}))
    from chalicelib.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        service.set_policy("A", "sometimes", 3, 0, None)
    with pytest.raises(ValidationFailed):
        service.set_policy("A", "fixed", 3, 0, "sup_nope")
    assert service.plan("A").policy == SafetyPolicy()
