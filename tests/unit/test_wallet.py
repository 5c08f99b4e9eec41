"""The coupon wallet (ADR 0018) with fakes: an entry's status, the pricing rule
for claimable coupons, claims and their refusals, staff grants (deduplicated,
batched, the same however often they run), the filtered wallet, checkout's
wallet coupon, and the staff's claimable-coupon rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.error_codes import CommonErrorCode, WalletErrorCode
from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed
from chalicelib.domain.money import Money
from chalicelib.domain.promotions import Coupon, Scope
from chalicelib.domain.wallet import (
    EXPIRED,
    USABLE,
    USED,
    GrantBatch,
    WalletEntry,
    batches_of,
    status_of,
)
from chalicelib.services.ports import Page
from chalicelib.services.promotions import CouponSpec, MarketingService
from chalicelib.services.wallet import WalletService

from .pricing_builders import FAR_AHEAD, LONG_AGO, NOW, a_coupon, a_line
from .test_pricing import price
from .wallet_fakes import FakeCoupons, FakeWalletStore

CLAIMABLE = Coupon("TEN", LONG_AGO, FAR_AHEAD, amount_off=1000, per_customer_limit=1, claimable=True, claim_limit=2)


def service(*coupons: Coupon, customers=("cus_a", "cus_b", "cus_c"), segment=(), queue=None):
    store = FakeWalletStore(FakeCoupons(*coupons), set(customers))

    def in_segment(name, limit, after):
        ids = list(segment) if name == "loyal" else []
        start = int(after["at"]) if after else 0
        chunk = ids[start : start + limit]
        return Page(chunk, {"at": start + limit} if start + limit < len(ids) else None)

    return WalletService(store.coupons, store, in_segment, FixedClock(NOW), queue), store


# --- the entry's status ----------------------------------------------------------------------
def entry(coupon: Coupon | None, **kw) -> WalletEntry:
    return WalletEntry("TEN", "cus_a", "claim", LONG_AGO, coupon, **kw)


def test_status_usable_used_expired():
    assert status_of(entry(CLAIMABLE), NOW) == USABLE
    assert status_of(entry(replace(CLAIMABLE, used_by_customer=1)), NOW) == USED
    assert status_of(entry(replace(CLAIMABLE, ends_at=NOW)), NOW) == EXPIRED
    assert status_of(entry(replace(CLAIMABLE, used_by_customer=1, ends_at=NOW)), NOW) == USED
    assert status_of(entry(replace(CLAIMABLE, usage_limit=5, used=5)), NOW) == EXPIRED
    assert status_of(entry(CLAIMABLE, voided_at=NOW), NOW) == EXPIRED
    assert status_of(entry(None), NOW) == EXPIRED
    assert status_of(entry(replace(CLAIMABLE, starts_at=NOW + timedelta(days=1))), NOW) == USABLE
    unlimited = replace(CLAIMABLE, per_customer_limit=None, used_by_customer=3)
    assert status_of(entry(unlimited), NOW) == USABLE


def test_batches_split_and_round_trip():
    batches = batches_of("grant_1", "TEN", [f"cus_{i}" for i in range(250)])
    assert [len(b.customer_ids) for b in batches] == [100, 100, 50]
    assert [b.number for b in batches] == [1, 2, 3]
    assert GrantBatch.of_message(batches[2].message()) == batches[2]


# --- pricing ---------------------------------------------------------------------------------
def test_a_claimable_coupon_applies_only_from_the_wallet():
    coupon = a_coupon("TEN", amount_off=1000, claimable=True, claim_limit=5)
    refused = price([a_line(list_price=5000)], coupon=coupon)
    assert (refused.coupon.applied, refused.coupon.reason) == (False, "not_claimed")
    held = price([a_line(list_price=5000)], coupon=replace(coupon, in_wallet=True))
    assert held.coupon.applied and held.coupon.amount == 1000
    public = price([a_line(list_price=5000)], coupon=a_coupon("PUB", amount_off=1000))
    assert public.coupon.applied


# --- claims ----------------------------------------------------------------------------------
def test_claims_are_once_per_customer_and_up_to_the_limit():
    wallet, store = service(CLAIMABLE)
    got = wallet.claim("cus_a", " ten ")
    assert (got.code, got.source, status_of(got, NOW)) == ("TEN", "claim", USABLE)
    with pytest.raises(Conflict) as again:
        wallet.claim("cus_a", "TEN")
    assert again.value.code is WalletErrorCode.COUPON_ALREADY_CLAIMED
    wallet.claim("cus_b", "TEN")
    with pytest.raises(Conflict) as full:
        wallet.claim("cus_c", "TEN")
    assert full.value.code is WalletErrorCode.CLAIMS_EXHAUSTED
    assert store.coupons.coupons["TEN"].claimed == 2


def test_what_cannot_be_claimed():
    public = Coupon("PUB", LONG_AGO, FAR_AHEAD, amount_off=100)
    ended = replace(CLAIMABLE, code="OLD", ends_at=NOW)
    owned = replace(CLAIMABLE, code="MINE", owner_id="cus_b")
    wallet, _ = service(public, ended, owned)
    with pytest.raises(NotFound):
        wallet.claim("cus_a", "NOPE")
    with pytest.raises(NotFound):
        wallet.claim("cus_a", "MINE")
    with pytest.raises(Conflict) as not_claimable:
        wallet.claim("cus_a", "PUB")
    assert not_claimable.value.code is WalletErrorCode.COUPON_NOT_CLAIMABLE
    with pytest.raises(Conflict) as expired:
        wallet.claim("cus_a", "OLD")
    assert expired.value.code is WalletErrorCode.COUPON_EXPIRED


# --- grants ----------------------------------------------------------------------------------
class Queue:
    def __init__(self):
        self.sent = []

    def send(self, messages):
        self.sent.extend(messages)


def test_a_grant_is_deduplicated_batched_and_gives_one_entry_however_often_it_runs():
    queue = Queue()
    segment = [f"cus_s{i}" for i in range(150)]
    wallet, store = service(CLAIMABLE, customers={"cus_a", "cus_b", *segment}, segment=segment, queue=queue)
    wallet.claim("cus_a", "TEN")
    job = wallet.start_grant("ten", ["cus_a", "cus_b", "cus_b", "cus_nobody"], "loyal", "staff:key_1")
    assert job.id.startswith("grant_") and (job.targeted, job.batches, job.status) == (153, 2, "running")
    assert (job.granted, job.skipped) == (0, 0)
    second = wallet.start_grant("TEN", ["cus_b"], "loyal", "staff:key_1")
    for message in queue.sent + queue.sent[:1]:  # the first batch delivered twice
        wallet.run_batch(GrantBatch.of_message(message))
    done = wallet.grant_job("TEN", job.id)
    other = wallet.grant_job("TEN", second.id)
    assert done.status == other.status == "done"
    assert done.granted + done.skipped == 153 and other.granted + other.skipped == 151
    assert done.granted + other.granted == 151  # cus_b and the segment; cus_a claimed it, cus_nobody is nobody
    assert {customer for customer, code in store.held if code == "TEN"} == {"cus_a", "cus_b", *segment}
    assert store.held[("cus_a", "TEN")][0] == "claim"


def test_a_grant_without_a_queue_runs_in_the_request_and_refuses_unknown_or_ended_coupons():
    wallet, store = service(CLAIMABLE, replace(CLAIMABLE, code="OLD", ends_at=NOW))
    job = wallet.start_grant("TEN", ["cus_a", "cus_c"], None, "staff:key_1")
    assert (job.status, job.granted, job.skipped) == ("done", 2, 0)
    with pytest.raises(NotFound):
        wallet.start_grant("NOPE", ["cus_a"], None, "staff:key_1")
    with pytest.raises(Conflict) as ended:
        wallet.start_grant("OLD", ["cus_a"], None, "staff:key_1")
    assert ended.value.code is WalletErrorCode.COUPON_EXPIRED
    with pytest.raises(NotFound):
        wallet.grant_job("TEN", "grant_nope")


def test_a_segment_over_the_maximum_is_refused(monkeypatch):
    import chalicelib.services.wallet as module

    monkeypatch.setattr(module, "MAX_SEGMENT_CUSTOMERS", 3)
    monkeypatch.setattr(module, "SEGMENT_PAGE", 2)
    wallet, _ = service(CLAIMABLE, segment=[f"cus_{i}" for i in range(5)])
    with pytest.raises(ValidationFailed) as refused:
        wallet.start_grant("TEN", [], "loyal", "staff:key_1")
    assert refused.value.code is CommonErrorCode.VALIDATION_ERROR
    assert refused.value.errors[0].code == "too_many_customers"


# --- the wallet and checkout -----------------------------------------------------------------
def test_the_wallet_filtered_by_status_and_the_checkout_code():
    used = replace(CLAIMABLE, code="USED", claim_limit=5)
    wallet, store = service(CLAIMABLE, used, replace(CLAIMABLE, code="GONE", claim_limit=5))
    for code in ("TEN", "USED", "GONE"):
        wallet.claim("cus_a", code)
    store.coupons.used_by[("USED", "cus_a")] = 1
    store.coupons.coupons["GONE"] = replace(store.coupons.coupons["GONE"], ends_at=NOW)
    assert [e.code for e in wallet.mine("cus_a", None, 10, None).items] == ["USED", "TEN", "GONE"]
    assert [e.code for e in wallet.mine("cus_a", USABLE, 10, None).items] == ["TEN"]
    assert [e.code for e in wallet.mine("cus_a", USED, 10, None).items] == ["USED"]
    assert [e.code for e in wallet.mine("cus_a", EXPIRED, 10, None).items] == ["GONE"]
    assert wallet.mine("cus_b", None, 10, None).items == []

    assert wallet.usable_code("cus_a", "ten") == "TEN"
    for customer, code in (("cus_a", "USED"), ("cus_a", "GONE"), ("cus_b", "TEN"), ("cus_a", "NOPE")):
        with pytest.raises(ValidationFailed) as refused:
            wallet.usable_code(customer, code)
        assert refused.value.code is WalletErrorCode.WALLET_COUPON_UNAVAILABLE


# --- staff: claimable coupons ----------------------------------------------------------------
def marketing() -> tuple[MarketingService, FakeCoupons]:
    coupons = FakeCoupons()
    return MarketingService(None, coupons, None, None, FixedClock(NOW), "CNY"), coupons  # type: ignore[arg-type]


def spec(**kw) -> CouponSpec:
    values = {
        "code": "new",
        "starts_at": LONG_AGO,
        "ends_at": FAR_AHEAD,
        "scope": Scope(),
        "amount_off": Money(100, "CNY"),
    }
    return CouponSpec(**(values | kw))


def test_a_claimable_coupon_names_its_limit_and_is_once_per_customer_by_default():
    staff, coupons = marketing()
    made = staff.create_coupon(spec(claimable=True, claim_limit=0))
    assert (made.code, made.claimable, made.claim_limit, made.per_customer_limit) == ("NEW", True, 0, 1)
    assert (
        staff.create_coupon(spec(code="two", claimable=True, claim_limit=3, per_customer_limit=2)).per_customer_limit
        == 2
    )
    for bad, field_code in (
        ({"claimable": True}, "required"),
        ({"claim_limit": 3}, "not_applicable"),
        ({"claimable": True, "claim_limit": -1}, "out_of_range"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            staff.create_coupon(spec(code="bad", **bad))
        assert [(e.field, e.code) for e in refused.value.errors] == [("claim_limit", field_code)]
    assert not staff.create_coupon(spec(code="plain")).claimable
