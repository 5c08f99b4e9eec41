"""CRM targeting with fakes (ADR 0019): audiences in pricing (promotions left out,
coupons refused with ``audience_mismatch``), member day for a segment, high-value
customers, the birthday and loyalty coupon jobs (once per customer and period,
told only to those who consent) and the calendar keys they use."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.customer_stats import CustomerStats
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.notifications import Preferences
from chalicelib.domain.pricing import PricingContext, price_cart
from chalicelib.domain.promotions import Coupon, CouponGrant, Scope
from chalicelib.domain.targeting import (
    GUEST,
    OFFER_TEMPLATES,
    Audience,
    HighValue,
    Shopper,
    birthday_keys_for,
    grant_code,
    quarter_of,
    shopper_of,
)
from chalicelib.services.crm_coupons import CrmCouponPolicy, CrmCoupons
from chalicelib.services.crm_ports import STATS_SHARDS, ScoredCustomer
from chalicelib.services.notifications import NotificationPolicy, NotificationService
from chalicelib.services.promotions import CouponSpec, MarketingService

from .notification_fakes import (
    FakeCampaigns,
    FakeCaps,
    FakeChannel,
    FakeContacts,
    FakeInbox,
    FakePreferences,
    FakeSendLog,
)
from .pricing_builders import FAR_AHEAD, LONG_AGO, MONDAY, NOW, a_line, member_day, percent_off

LOYAL = Shopper(signed_in=True, segment="loyal")
LOST = Shopper(signed_in=True, segment="lost")
NEW = Shopper(signed_in=True, is_new=True)
MEMBER = Shopper(signed_in=True, segment="lost", is_member=True)


# --- audiences ------------------------------------------------------------------------------
def test_an_audience_is_any_of_its_groups_and_a_guest_is_in_none():
    audience = Audience(frozenset({"loyal", "champions"}), new_customers=True)
    assert audience.matches(LOYAL) and audience.matches(NEW)
    assert not audience.matches(LOST) and not audience.matches(MEMBER)
    assert Audience(paid_members=True).matches(MEMBER)
    everyone = Audience(frozenset({"lost"}), new_customers=True, paid_members=True)
    assert not everyone.matches(GUEST)
    assert Audience.from_json(audience.to_json()) == audience and Audience.from_json(None) is None


def test_a_customer_without_stats_or_with_no_paid_order_is_new():
    assert shopper_of("cus_1", None, None, False).is_new
    assert shopper_of("cus_1", "new", CustomerStats("cus_1"), False).is_new
    assert not shopper_of("cus_1", "new", CustomerStats("cus_1", orders_count=1), False).is_new
    assert shopper_of(None, "loyal", None, True) == GUEST


def _context(shopper: Shopper, is_member: bool = False) -> PricingContext:
    return PricingContext(
        now=NOW, is_member=is_member, customer_id="cus_1" if shopper.signed_in else None, shopper=shopper
    )


def test_a_targeted_promotion_applies_only_to_its_audience():
    promotions = [percent_off(20, audience=Audience(frozenset({"loyal"})))]
    assert price_cart([a_line()], promotions, _context(LOYAL)).total == 8000
    assert price_cart([a_line()], promotions, _context(LOST)).total == 10000
    assert price_cart([a_line()], promotions, _context(GUEST)).total == 10000


def test_member_day_is_for_members_without_an_audience_and_for_its_audience_with_one():
    # NOW is a Monday in the store's time zone.
    plain = [member_day(MONDAY, 10)]
    assert price_cart([a_line()], plain, _context(MEMBER, is_member=True)).total == 9000
    assert price_cart([a_line()], plain, _context(LOYAL)).total == 10000
    returning = [member_day(MONDAY, 10, audience=Audience(frozenset({"loyal", "at_risk"})))]
    priced = price_cart([a_line()], returning, _context(LOYAL))
    assert priced.total == 9000 and priced.lines[0].adjustments[0].kind == "member_day"
    # With an audience, membership alone no longer qualifies.
    assert price_cart([a_line()], returning, _context(MEMBER, is_member=True)).total == 10000


def test_a_targeted_coupon_is_refused_with_audience_mismatch_for_anyone_else():
    coupon = Coupon("WELCOME", LONG_AGO, FAR_AHEAD, amount_off=1000, audience=Audience(new_customers=True))
    ok = price_cart([a_line()], [], _context(NEW), coupon=coupon, coupon_code="WELCOME")
    assert ok.coupon is not None and ok.coupon.applied and ok.total == 9000
    for shopper in (LOYAL, GUEST):
        refused = price_cart([a_line()], [], _context(shopper), coupon=coupon, coupon_code="WELCOME")
        assert refused.coupon is not None and (refused.coupon.applied, refused.coupon.reason) == (
            False,
            "audience_mismatch",
        )
        assert refused.total == 10000


class _Repo:
    def __init__(self) -> None:
        self.added: list[Any] = []

    def add(self, item: Any, now: datetime) -> None:
        self.added.append(item)


def test_staff_cannot_create_an_empty_audience_or_name_an_unknown_segment():
    coupons = _Repo()
    service = MarketingService(_Repo(), coupons, _Repo(), _Repo(), FixedClock(NOW), "CNY")  # type: ignore[arg-type]
    spec = CouponSpec("C1", LONG_AGO, FAR_AHEAD, Scope(), percent_off=10)
    for audience, field in ((Audience(), "audience"), (Audience(frozenset({"whales"})), "audience.segments")):
        with pytest.raises(ValidationFailed) as raised:
            service.create_coupon(replace(spec, audience=audience))
        assert [e.field for e in raised.value.errors] == [field]
    created = service.create_coupon(replace(spec, audience=Audience(frozenset({"champions"}))))
    assert coupons.added == [created] and created.audience == Audience(frozenset({"champions"}))


# --- high-value customers ---------------------------------------------------------------------
def test_a_champion_or_a_customer_over_the_spend_is_high_value():
    policy = HighValue(spend_over=1_000_000)
    today = date(2026, 12, 6)
    assert policy.of("champions", None, today)
    spender = CustomerStats("cus_1", orders_count=3, total_spent=1_000_001, months={"2026-06": [3, 1_000_001]})
    assert policy.of("lost", spender, today)
    at_the_line = replace(spender, months={"2026-06": [3, 1_000_000]})
    assert not policy.of("loyal", at_the_line, today)
    long_ago = replace(spender, months={"2025-06": [3, 2_000_000]})  # outside the 365 days
    assert not policy.of(None, long_ago, today)


# --- calendar keys --------------------------------------------------------------------------------
def test_leap_day_birthdays_are_celebrated_on_the_28th_in_common_years():
    assert birthday_keys_for(date(2027, 2, 28)) == ("02-28", "02-29")
    assert birthday_keys_for(date(2028, 2, 28)) == ("02-28",)
    assert birthday_keys_for(date(2028, 2, 29)) == ("02-29",)
    assert quarter_of(date(2026, 12, 31)) == "2026-Q4" and quarter_of(date(2027, 1, 1)) == "2027-Q1"


def test_a_grant_code_is_the_same_for_the_same_customer_and_period_only():
    code = grant_code("birthday", "cus_1", "2026")
    assert code == grant_code("birthday", "cus_1", "2026") and code.startswith("BDAY-2026-")
    assert len({code, grant_code("birthday", "cus_1", "2027"), grant_code("birthday", "cus_2", "2026")}) == 3
    assert len(grant_code("loyalty", "cus_1", "2026-Q4")) <= 32


# --- the jobs --------------------------------------------------------------------------------------
class FakeBirthdays:
    def __init__(self, born: dict[str, list[str]]) -> None:
        self.born = born
        self.asked: list[str] = []

    def born_on(self, month_day: str, limit: int, after: Any) -> tuple[list[str], Any]:
        self.asked.append(month_day)
        ids = self.born.get(month_day, [])
        start = int(after or 0)
        page = ids[start : start + limit]
        return page, (start + limit if start + limit < len(ids) else None)


class FakeGrants:
    def __init__(self) -> None:
        self.by_code: dict[str, CouponGrant] = {}

    def grant(self, grant: CouponGrant) -> bool:
        if grant.code in self.by_code:
            return False
        self.by_code[grant.code] = grant
        return True


class FakeStats:
    def __init__(self, customers: list[CustomerStats]) -> None:
        self.customers = customers

    def page(self, shard: int, after: Any, limit: int) -> tuple[list[ScoredCustomer], Any]:
        mine = [ScoredCustomer(s, None) for i, s in enumerate(self.customers) if i % STATS_SHARDS == shard]
        start = int(after or 0)
        return mine[start : start + limit], (start + limit if start + limit < len(mine) else None)


def _notifications() -> tuple[NotificationService, FakeInbox, FakeChannel, FakePreferences]:
    inbox, email, prefs = FakeInbox(), FakeChannel(), FakePreferences()
    contacts = FakeContacts({"cus_1": "one@example.com", "cus_2": "two@example.com", "cus_3": "three@example.com"})
    service = NotificationService(
        FakeSendLog(),
        inbox,
        email,
        FakeChannel(),
        prefs,
        FakeCaps(),
        FakeCampaigns(),
        contacts,
        FixedClock(NOW),
        NotificationPolicy(),
    )
    return service, inbox, email, prefs


AS_OF = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 1 December, 10:00 in Asia/Shanghai


def test_birthday_coupons_go_out_once_a_year_and_are_told_only_with_consent():
    notifications, inbox, email, prefs = _notifications()
    prefs.save(Preferences("cus_1", marketing=True, locale="en"))
    prefs.save(Preferences("cus_2", marketing=False))
    birthdays = FakeBirthdays({"12-08": ["cus_1", "cus_2", "cus_3"], "12-09": ["cus_9"]})
    grants = FakeGrants()
    jobs = CrmCoupons(birthdays, grants, FakeStats([]), notifications.offer, CrmCouponPolicy(), page_size=2)

    first = jobs.birthday_coupons(AS_OF)
    assert first == {
        "status": "done",
        "birthday": "2026-12-08",
        "examined": 3,
        "granted": 3,
        "already_granted": 0,
        "notified": 1,
    }
    assert birthdays.asked == ["12-08", "12-08"]  # one partition, two pages: never a scan
    grant = grants.by_code[grant_code("birthday", "cus_1", "2026")]
    assert (grant.customer_id, grant.amount_off, grant.source) == ("cus_1", 2000, "birthday:2026")
    assert grant.coupon().owner_id == "cus_1" and grant.ends_at == datetime(2026, 12, 31, 2, 0, tzinfo=UTC)
    assert [m.subject for _, m, _ in email.sent] == ["Happy birthday: a coupon for you"]
    assert grant.code in email.sent[0][1].body and "¥20.00" in email.sent[0][1].body
    assert len(inbox.sent) == 1

    again = jobs.birthday_coupons(AS_OF)
    assert (again["granted"], again["already_granted"], again["notified"]) == (0, 3, 0)
    assert len(grants.by_code) == 3 and len(email.sent) == 1


def test_loyalty_coupons_go_to_customers_over_the_spend_once_a_quarter():
    notifications, _, _, _ = _notifications()
    customers = [
        CustomerStats("cus_1", orders_count=5, months={"2026-11": [5, 1_000_001]}),
        CustomerStats("cus_2", orders_count=5, months={"2026-11": [5, 1_000_000]}),
        CustomerStats("cus_3", orders_count=5, months={"2025-10": [5, 9_000_000]}),  # over a year ago
    ]
    grants = FakeGrants()
    jobs = CrmCoupons(FakeBirthdays({}), grants, FakeStats(customers), notifications.offer, CrmCouponPolicy())
    done = jobs.loyalty_coupons(AS_OF)
    assert (done["status"], done["quarter"], done["examined"], done["granted"]) == ("done", "2026-Q4", 3, 1)
    assert list(grants.by_code) == [grant_code("loyalty", "cus_1", "2026-Q4")]
    assert jobs.loyalty_coupons(AS_OF)["already_granted"] == 1
    next_quarter = jobs.loyalty_coupons(datetime(2027, 1, 2, 2, 0, tzinfo=UTC))
    assert (next_quarter["quarter"], next_quarter["granted"]) == ("2027-Q1", 1)


def test_a_loyalty_run_short_of_time_says_incomplete():
    notifications, _, _, _ = _notifications()
    ticks = iter(range(0, 10_000, 400))
    jobs = CrmCoupons(
        FakeBirthdays({}),
        FakeGrants(),
        FakeStats([CustomerStats(f"cus_{i}") for i in range(40)]),
        notifications.offer,
        CrmCouponPolicy(),
        budget_seconds=600,
        monotonic=lambda: float(next(ticks)),
    )
    assert jobs.loyalty_coupons(AS_OF)["status"] == "incomplete"


def test_the_offer_templates_render_in_both_languages():
    for template in OFFER_TEMPLATES.values():
        for locale in ("zh-CN", "en"):
            message = template.render(locale, {"code": "X-1", "amount": "¥20.00", "ends_on": "2026-12-31"})
            assert "X-1" in message.body and "¥20.00" in message.body and "{" not in message.body
