"""The money side of after-sales over the fakes: charge.refunded reconciled against
the refund records (whichever arrives first, never counted twice), refunds made
in Stripe's dashboard recorded once, a crash between Stripe and the record
retried with the same key, disputes opened and closed (a lost one counts as
refunded), sales counters following refunded units, and settlement carrying a
refund after settlement as an adjustment."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import PENDING_GRACE, RefundRequest
from chalicelib.domain.settlement import Line, Statement
from chalicelib.services.settlement import SettlementService
from tests.payments import FakeGateway

from .order_builders import STORE_TIMEZONE, OrderWorld
from .settlement_fakes import DueIndex, FakeQueue, FakeRuns


def paid(w: OrderWorld, lines: dict[str, int], price: int = 8000) -> Order:
    for sku in lines:
        w.stock(sku, on_hand=10, price=price)
    return w.pay(w.place(lines, prices=dict.fromkeys(lines, price)))


def ask(order_id: str, source: str, **kw) -> RefundRequest:
    return RefundRequest(order_id=order_id, source=source, reason=kw.pop("reason", "goodwill"), actor="staff:k", **kw)


def refunded_event(w: OrderWorld, order: Order, amount_refunded: int):
    return w.charge_event("charge.refunded", order, amount_refunded=amount_refunded)


# --- charge.refunded ---------------------------------------------------------------------------------
def test_the_webhook_after_the_apis_answer_changes_nothing():
    w = OrderWorld()
    order = paid(w, {"RC-1": 2})
    w.refunds.refund_order(ask(order.id, "staff:k1", lines={"RC-1": 1}))

    assert w.payments.apply_stripe_event(refunded_event(w, order, 8000)) == "no_change"

    done = w.get(order.id)
    assert (done.amount_refunded, len(done.refunds)) == (8000, 1)
    assert w.publisher.types().count("order.refunded") == 1


class EchoingGateway(FakeGateway):
    """Stripe whose charge.refunded webhook is delivered before its answer to the API."""

    world: OrderWorld | None = None

    def refund(self, payment_intent_id, amount, idempotency_key) -> str:
        refund_id = super().refund(payment_intent_id, amount, idempotency_key)
        assert self.world is not None
        total = sum(a for pi, a, _ in self.refunds if pi == payment_intent_id)
        order = next(o for o in self.world.orders.orders.values() if o.payment_intent_id == payment_intent_id)
        self.world.outcomes.append(self.world.payments.apply_stripe_event(refunded_event(self.world, order, total)))
        return refund_id


def test_the_webhook_before_the_apis_answer_finds_the_refund_pending_and_changes_nothing():
    gateway = EchoingGateway()
    w = OrderWorld(gateway=gateway)
    gateway.world = w
    w.outcomes = []  # type: ignore[attr-defined]
    order = paid(w, {"RC-2": 2})

    refund = w.refunds.refund_order(ask(order.id, "staff:k2", amount=5000))

    assert w.outcomes == ["no_change"]  # type: ignore[attr-defined]
    assert refund.status == "succeeded"
    done = w.get(order.id)
    assert (done.amount_refunded, done.payment_status, len(done.refunds)) == (5000, "partially_refunded", 1)


def test_a_refund_made_in_stripes_dashboard_is_recorded_once_as_a_refund_of_its_own():
    w = OrderWorld()
    order = paid(w, {"RC-3": 2})
    w.refunds.refund_order(ask(order.id, "staff:k3", amount=4000))

    # 6000 more in the dashboard: Stripe reports 10000 refunded in all, twice (two event ids).
    assert w.payments.apply_stripe_event(refunded_event(w, order, 10000)) == "refunded"
    assert w.payments.apply_stripe_event(refunded_event(w, order, 10000)) == "no_change"

    done = w.get(order.id)
    assert done.amount_refunded == 10000
    outside = [r for r in done.refunds if r.actor == "stripe"]
    assert [(r.amount, r.status, r.source) for r in outside] == [(6000, "succeeded", "provider:ch_1:10000")]


def test_a_refund_still_owed_counts_as_known_so_stripe_reporting_it_later_never_counts_it_twice():
    w = OrderWorld()
    order = paid(w, {"RC-4": 2})
    w.gateway.down = True
    owed = w.refunds.refund_order(ask(order.id, "staff:k4", amount=3000))
    assert owed.status == "failed"
    w.gateway.down = False

    # A dashboard refund of 5000 arrives while ours is owed: only what is beyond the records is recorded.
    assert w.payments.apply_stripe_event(refunded_event(w, order, 5000)) == "refunded"
    assert w.get(order.id).amount_refunded == 2000
    assert w.jobs.retry_refunds(w.clock.now())["refunded"] == 1
    assert w.get(order.id).amount_refunded == 5000
    # Stripe now has 8000 refunded (5000 dashboard + 3000 ours): the rest is recorded then.
    assert w.payments.apply_stripe_event(refunded_event(w, order, 8000)) == "refunded"
    done = w.get(order.id)
    assert done.amount_refunded == 8000 and done.amount_refunded <= done.amount_paid


# --- a crash between Stripe and the record ------------------------------------------------------------
class CrashingGateway(FakeGateway):
    crash: bool = False

    def refund(self, payment_intent_id, amount, idempotency_key) -> str:
        refund_id = super().refund(payment_intent_id, amount, idempotency_key)
        if self.crash:
            raise RuntimeError("the Lambda timed out after Stripe refunded")
        return refund_id


def test_a_late_payment_refund_whose_answer_was_lost_is_retried_after_the_grace_with_the_same_key():
    gateway = CrashingGateway()
    w = OrderWorld(gateway=gateway)
    w.stock("LP-9", on_hand=3, price=7000)
    order = w.place({"LP-9": 1}, prices={"LP-9": 7000})
    w.actions.cancel_by_customer(order.customer_id, order.id)
    gateway.crash = True

    try:
        w.payments.apply_stripe_event(w.succeeded(order))
    except RuntimeError:
        pass
    gateway.crash = False

    pending = w.get(order.id)
    assert [(r.source, r.status) for r in pending.refunds] == [("late_payment", "pending")]
    assert w.jobs.retry_refunds(w.clock.now())["examined"] == 0  # its first attempt may still answer
    w.later(minutes=PENDING_GRACE.total_seconds() / 60)
    assert w.jobs.retry_refunds(w.clock.now()) == {"examined": 1, "refunded": 1, "failed": 0, "refused": 0}
    assert [k for _, _, k in gateway.refunds] == [f"{order.id}:refund:late_payment"]  # Stripe paid it once
    done = w.get(order.id)
    assert (done.amount_refunded, done.payment_status) == (7000, "refunded")


def test_a_cancellation_records_its_refund_in_the_same_write_and_retries_it_after_a_crash():
    gateway = CrashingGateway()
    w = OrderWorld(gateway=gateway)
    order = paid(w, {"CX-9": 1})
    gateway.crash = True
    try:
        w.actions.cancel_by_customer(order.customer_id, order.id)
    except RuntimeError:
        pass
    gateway.crash = False

    cancelled = w.get(order.id)
    assert cancelled.status == "cancelled"
    assert [(r.source, r.status, r.amount) for r in cancelled.refunds] == [("cancelled", "pending", 8000)]
    w.later(minutes=10)
    assert w.jobs.retry_refunds(w.clock.now())["refunded"] == 1
    assert [k for _, _, k in gateway.refunds] == [f"{order.id}:refund:cancelled"]
    assert w.get(order.id).amount_refunded == 8000


# --- disputes ----------------------------------------------------------------------------------------
DUE_BY = datetime(2026, 12, 20, 23, 59, 59, tzinfo=UTC)


def dispute_event(w: OrderWorld, order: Order, kind: str, status: str, amount: int = 8000):
    return w.charge_event(
        kind,
        order,
        id="dp_1",
        amount=amount,
        reason="fraudulent",
        status=status,
        evidence_details={"due_by": int(DUE_BY.timestamp())},
    )


def test_a_dispute_is_a_case_for_customer_service_due_by_stripes_evidence_deadline():
    w = OrderWorld()
    order = paid(w, {"DP-1": 1})

    assert w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.created", "needs_response")) == (
        "disputed"
    )

    body = w.get(order.id)
    assert body.payment_status == "disputed"
    assert body.dispute is not None
    assert (body.dispute.id, body.dispute.reason, body.dispute.amount) == ("dp_1", "fraudulent", 8000)
    assert (body.dispute.evidence_due_by, body.dispute.outcome) == (DUE_BY, None)
    [case] = w.exceptions.by_id.values()
    assert (case.kind, case.owner_role, case.due_at, case.status) == ("dispute", "customer_service", DUE_BY, "open")
    opened = [e for e in w.outbox.written if e.type == "order.dispute_opened"]
    assert [e.data["dispute"]["id"] for e in opened] == ["dp_1"]


def test_a_lost_dispute_counts_as_refunded_and_the_payment_stays_disputed():
    w = OrderWorld()
    order = paid(w, {"DP-2": 2})
    w.refunds.refund_order(ask(order.id, "staff:k5", amount=1000))
    w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.created", "needs_response", 15000))

    assert w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.closed", "lost", 15000)) == (
        "dispute_lost"
    )
    assert w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.closed", "lost", 15000)) == (
        "no_change"
    )

    body = w.get(order.id)
    assert body.dispute is not None and (body.dispute.outcome, body.dispute.status) == ("lost", "lost")
    assert (body.payment_status, body.amount_refunded) == ("disputed", 16000)
    assert [(r.source, r.amount, r.status) for r in body.refunds if r.actor == "stripe"] == [
        ("dispute:dp_1", 15000, "succeeded")
    ]
    assert [e.data["dispute"]["outcome"] for e in w.outbox.written if e.type == "order.dispute_closed"] == ["lost"]
    [case] = w.exceptions.by_id.values()  # Stripe's decision closes the case
    assert (case.status, case.resolved_by, case.note) == ("resolved", "stripe", "Stripe closed dispute dp_1: lost.")


def test_a_won_dispute_returns_the_payment_status_and_refunds_nothing():
    w = OrderWorld()
    order = paid(w, {"DP-3": 1})
    w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.created", "needs_response"))

    assert w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.closed", "won")) == "dispute_won"

    body = w.get(order.id)
    assert body.dispute is not None and body.dispute.outcome == "won"
    assert (body.payment_status, body.amount_refunded, body.refunds) == ("paid", 0, ())


def test_a_dispute_closed_before_it_was_reported_opened_is_recorded_and_the_late_opening_changes_nothing():
    w = OrderWorld()
    order = paid(w, {"DP-4": 1})

    assert w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.closed", "lost")) == "dispute_lost"
    assert (
        w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.created", "needs_response"))
        == "no_change"
    )

    body = w.get(order.id)
    assert (body.payment_status, body.amount_refunded) == ("disputed", 8000)


# --- sales counters --------------------------------------------------------------------------------------
def test_refunded_units_come_off_the_sales_counters_once_and_a_cancellation_takes_only_the_rest():
    w = OrderWorld()
    order = paid(w, {"SC-1": 3})
    day = w.changes.business_day(w.clock.now())
    assert w.orders.sku_sales[(day, "SC-1")] == (3, 24000)

    w.refunds.refund_order(ask(order.id, "staff:s1", lines={"SC-1": 1}))
    w.refunds.refund_order(ask(order.id, "staff:s1", lines={"SC-1": 1}))  # the same refund again
    assert w.orders.sku_sales[(day, "SC-1")] == (2, 16000)
    assert w.orders.product_sales["prod_sc-1"] == 2
    w.refunds.refund_order(ask(order.id, "staff:s2", amount=500))  # money only: no units
    assert w.orders.sku_sales[(day, "SC-1")] == (2, 16000)

    w.actions.cancel_by_customer(order.customer_id, order.id)
    assert w.orders.sku_sales[(day, "SC-1")] == (0, 0)
    assert w.orders.product_sales["prod_sc-1"] == 0


def test_a_refund_of_units_that_fails_leaves_the_counters_until_it_succeeds():
    w = OrderWorld()
    order = paid(w, {"SC-2": 2})
    day = w.changes.business_day(w.clock.now())
    w.gateway.down = True
    w.refunds.refund_order(ask(order.id, "staff:s3", lines={"SC-2": 1}))
    assert w.orders.sku_sales[(day, "SC-2")] == (2, 16000)
    w.gateway.down = False
    w.jobs.retry_refunds(w.clock.now())
    assert w.orders.sku_sales[(day, "SC-2")] == (1, 8000)


# --- settlement -----------------------------------------------------------------------------------------
class FakeSettlementStore:
    """Lines and statements in memory; ``record`` saves the order as settled under its version."""

    def __init__(self, w: OrderWorld) -> None:
        self.w = w
        self.by_day: dict[date, list[Line]] = {}
        self.saved: dict[date, Statement] = {}

    def record(self, day: date, before: Order, after: Order, line: Line) -> bool:
        current = self.w.orders.orders[before.id]
        if current.version != before.version:
            return False
        self.w.orders.orders[before.id] = replace(after, version=before.version + 1)
        self.by_day.setdefault(day, []).append(line)
        return True

    def lines(self, day: date) -> list[Line]:
        return list(self.by_day.get(day, []))

    def save_statement(self, statement: Statement, generated_at: datetime) -> None:
        self.saved[statement.business_date] = statement

    def statement(self, day: date):
        return None

    def statements(self, first: date, last: date):
        return []


def settlement(w: OrderWorld) -> tuple[SettlementService, FakeSettlementStore]:
    store = FakeSettlementStore(w)
    service = SettlementService(
        DueIndex(w.orders.orders), store, w.gateway, w.clock, STORE_TIMEZONE, "CNY", 100, FakeRuns(), FakeQueue()
    )
    return service, store


def test_a_partial_refund_after_settlement_is_the_next_statements_adjustment():
    w = OrderWorld()
    order = paid(w, {"ST-1": 2})  # 16000
    service, store = settlement(w)
    w.later(days=8)
    first = service.settle(w.clock.now())
    assert (first["settled"], first["net"]) == (1, 16000 - 160)

    w.refunds.refund_order(ask(order.id, "staff:st1", lines={"ST-1": 1}))
    w.later(days=1)
    second = service.settle(w.clock.now())

    [line] = store.lines(date.fromisoformat(second["business_date"]))
    assert (line.kind, line.gross, line.refunds, line.fees, line.net) == ("adjustment", 0, 8000, 0, -8000)
    assert (second["adjustments"], second["net"]) == (1, -8000)
    w.later(days=1)
    assert service.settle(w.clock.now())["adjustments"] == 0  # carried once
    total = sum(line.net for lines in store.by_day.values() for line in lines)
    assert total == 16000 - 8000 - 160  # what the merchant keeps


def test_a_dispute_lost_after_settlement_is_carried_as_a_refund():
    w = OrderWorld()
    order = paid(w, {"ST-2": 1})
    service, store = settlement(w)
    w.later(days=8)
    service.settle(w.clock.now())
    w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.created", "needs_response"))
    w.payments.apply_stripe_event(dispute_event(w, order, "charge.dispute.closed", "lost"))

    w.later(days=1)
    summary = service.settle(w.clock.now())

    [line] = store.lines(date.fromisoformat(summary["business_date"]))
    assert (line.kind, line.refunds, line.net) == ("adjustment", 8000, -8000)
    assert w.get(order.id).settled_refunds == 8000


def test_retry_refunds_counts_each_refund_once_and_skips_the_ones_not_due():
    w = OrderWorld()
    order = paid(w, {"RR-1": 2})
    w.gateway.down = True
    w.refunds.refund_order(ask(order.id, "staff:r1", amount=1000))
    w.refunds.refund_order(ask(order.id, "staff:r2", amount=2000))
    w.gateway.down = False

    assert w.jobs.retry_refunds(w.clock.now() - timedelta(seconds=1)) == {
        "examined": 0,
        "refunded": 0,
        "failed": 0,
        "refused": 0,
    }
    assert w.jobs.retry_refunds(w.clock.now()) == {"examined": 2, "refunded": 2, "failed": 0, "refused": 0}
    assert w.get(order.id).amount_refunded == 3000


class OverlappingGateway(FakeGateway):
    """Stripe answering slowly: another retry_refunds run starts while the first waits."""

    world: OrderWorld | None = None
    nested: list[dict[str, int]] | None = None

    def refund(self, payment_intent_id, amount, idempotency_key) -> str:
        if self.nested is not None and not self.nested and self.world is not None:
            self.nested.append({})  # (one overlap only)
            self.nested[0] = self.world.jobs.retry_refunds(self.world.clock.now())
        return super().refund(payment_intent_id, amount, idempotency_key)


def test_overlapping_retry_runs_pay_once_and_count_the_refund_once():
    gateway = OverlappingGateway()
    w = OrderWorld(gateway=gateway)
    gateway.world = w
    order = paid(w, {"RR-2": 1})
    gateway.down = True
    w.actions.cancel_by_customer(order.customer_id, order.id)
    gateway.down = False
    gateway.nested = []

    outer = w.jobs.retry_refunds(w.clock.now())

    inner = gateway.nested[0]
    assert inner == {"examined": 1, "refunded": 1, "failed": 0, "refused": 0}
    assert outer == {"examined": 0, "refunded": 0, "failed": 0, "refused": 0}  # the other run's refund
    assert len({key for _, _, key in gateway.refunds}) == 1 and len(gateway.refunds) == 1
    assert w.get(order.id).amount_refunded == 8000
