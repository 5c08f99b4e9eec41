"""DynamoDB: membership plans, memberships (next to the customer profile, on
the DUE#membership index by their next renewal action) and renewal charge claims."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError
from pynamodb.transactions import TransactWrite

from ...domain.clock import parse_rfc3339, parse_rfc3339_or_none, to_rfc3339
from ...domain.error_codes import CommonErrorCode
from ...domain.errors import Conflict
from ...domain.membership import Benefits, Membership, Plan
from ...services.ports import OutboxEvent
from . import keys, transact
from .money_models import MembershipChargeClaim, MembershipItem, PlanItem
from .outbox import outbox_record

CLAIM_STALE_AFTER = timedelta(minutes=10)  # a claim older than this was abandoned by a crashed run


def _plan_body(plan: Plan) -> dict[str, Any]:
    b = plan.benefits
    return {
        "name": plan.name,
        "price": plan.price,
        "currency": plan.currency,
        "period": plan.period,
        "active": plan.active,
        "benefits": {"member_prices": b.member_prices, "percent_off": b.percent_off, "free_shipping": b.free_shipping},
    }


def _plan(plan_id: str, body: dict[str, Any], created_at: datetime) -> Plan:
    return Plan(
        id=plan_id,
        name=body["name"],
        price=int(body["price"]),
        currency=body["currency"],
        period=body["period"],
        benefits=Benefits(**body["benefits"]),
        created_at=created_at,
        active=bool(body.get("active", True)),
    )


def membership_of(item: MembershipItem) -> Membership:
    b = item.body
    plan = b["plan"]
    return Membership(
        customer_id=item.customer_id,
        plan=_plan(plan["id"], plan, parse_rfc3339(plan["created_at"])),
        status=item.status,
        auto_renew=bool(b["auto_renew"]),
        stripe_customer_id=b["stripe_customer_id"],
        payment_method_id=b["payment_method_id"],
        created_at=parse_rfc3339(b["created_at"]),
        updated_at=parse_rfc3339(b["updated_at"]),
        period=int(b["period"]),
        current_period_start=parse_rfc3339_or_none(b.get("current_period_start")),
        current_period_end=parse_rfc3339_or_none(b.get("current_period_end")),
        failed_attempts=int(b.get("failed_attempts", 0)),
        reminded_period=int(b.get("reminded_period", 0)),
        pending_intent_id=b.get("pending_intent_id"),
        applied_intents=tuple(b.get("applied_intents", [])),
        history=tuple(b.get("history", [])),
        version=int(item.version or 0),
    )


def _membership_item(m: Membership) -> MembershipItem:
    due = m.next_action_at()
    body = {
        "plan": {"id": m.plan.id, "created_at": to_rfc3339(m.plan.created_at), **_plan_body(m.plan)},
        "auto_renew": m.auto_renew,
        "stripe_customer_id": m.stripe_customer_id,
        "payment_method_id": m.payment_method_id,
        "created_at": to_rfc3339(m.created_at),
        "updated_at": to_rfc3339(m.updated_at),
        "period": m.period,
        "current_period_start": to_rfc3339(m.current_period_start) if m.current_period_start else None,
        "current_period_end": to_rfc3339(m.current_period_end) if m.current_period_end else None,
        "failed_attempts": m.failed_attempts,
        "reminded_period": m.reminded_period,
        "pending_intent_id": m.pending_intent_id,
        "applied_intents": list(m.applied_intents),
        "history": list(m.history),
    }
    return MembershipItem(
        *keys.membership(m.customer_id),
        customer_id=m.customer_id,
        status=m.status,
        current_period_end=m.current_period_end,
        body=body,
        GSI5PK=keys.DUE_MEMBERSHIP_PK if due is not None else None,
        GSI5SK=keys.due_sort_key(due, m.customer_id) if due is not None else None,
    )


class DynamoPlans:
    def add(self, plan: Plan) -> None:
        PlanItem(
            *keys.plan(plan.id),
            id=plan.id,
            body=_plan_body(plan),
            created_at=plan.created_at,
            GSI2PK=keys.PLANS_PK,
            GSI2SK=plan.id,
        ).save(condition=PlanItem.PK.does_not_exist())

    def get(self, plan_id: str) -> Plan | None:
        try:
            item = PlanItem.get(*keys.plan(plan_id), consistent_read=True)
        except DoesNotExist:
            return None
        return _plan(item.id, item.body, item.created_at)

    def all(self) -> list[Plan]:
        return [_plan(i.id, i.body, i.created_at) for i in PlanItem.gsi2.query(keys.PLANS_PK)]


class DynamoMemberships:
    def get(self, customer_id: str) -> Membership | None:
        try:
            return membership_of(MembershipItem.get(*keys.membership(customer_id), consistent_read=True))
        except DoesNotExist:
            return None

    def save(self, membership: Membership, events: list[OutboxEvent]) -> Membership:
        """One transaction: the membership (guarded by the version read; a first
        save needs the key free) and its outbox events."""
        item = _membership_item(membership)
        if membership.version:
            item.version = membership.version

        def build(tw: TransactWrite) -> None:
            tw.save(item)
            for event in events:
                tw.save(outbox_record(event))

        transact.run_checked(
            build, Conflict("The membership changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
        )
        saved = self.get(membership.customer_id)
        assert saved is not None
        return saved

    def due(self, as_of: datetime, limit: int) -> list[Membership]:
        upper = keys.due_sort_key(as_of, "\uffff")
        found = MembershipItem.gsi5.query(keys.DUE_MEMBERSHIP_PK, upper >= MembershipItem.GSI5SK, limit=limit)
        fresh = [self.get(i.customer_id) for i in found]  # the index is eventually consistent
        return [m for m in fresh if m is not None]

    def claim_charge(self, customer_id: str, period: int, attempt: int, now: datetime) -> bool:
        """True for the one run that may charge (period, attempt); a claim left by a
        crashed run can be taken over after 10 minutes (the Stripe idempotency key
        is the same, so Stripe answers with the first charge)."""
        try:
            MembershipChargeClaim(*keys.membership_charge(customer_id, period, attempt), claimed_at=now).save(
                condition=MembershipChargeClaim.PK.does_not_exist()
                | (MembershipChargeClaim.claimed_at < now - CLAIM_STALE_AFTER)
            )
        except PutError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def release_charge(self, customer_id: str, period: int, attempt: int) -> None:
        try:
            MembershipChargeClaim(*keys.membership_charge(customer_id, period, attempt)).delete()
        except DeleteError:
            pass


class DynamoDueMemberships:
    """The membership due queue (GSI5, ``DUE#membership``) by key range, for the
    fanned-out ``renew_memberships`` run (ADR 0012). Keys only: each membership is
    read again, consistently, before anything is done to it."""

    def cutoff_key(self, as_of: datetime) -> str:
        return keys.due_sort_key(as_of, "\uffff")

    def due_keys(self, upper: str) -> Iterator[str]:
        found = MembershipItem.gsi5.query(
            keys.DUE_MEMBERSHIP_PK, upper > MembershipItem.GSI5SK, attributes_to_get=["GSI5SK"], page_size=1000
        )
        for item in found:
            yield str(item.GSI5SK)

    def due_between(self, lo: str, hi: str, after: str | None, limit: int) -> tuple[list[tuple[str, str]], bool]:
        """Up to ``limit`` (index key, customer id) in [lo, hi) after ``after``, and
        whether the range is exhausted."""
        start = max(lo, after) if after is not None else lo
        found = MembershipItem.gsi5.query(
            keys.DUE_MEMBERSHIP_PK,
            MembershipItem.GSI5SK.between(start, hi),
            limit=limit + 2,
            page_size=limit + 2,
        )
        page: list[tuple[str, str]] = []
        for item in found:
            key = str(item.GSI5SK)
            if key >= hi or (after is not None and key <= after):
                continue  # hi is exclusive; after was done already
            if len(page) == limit:
                return page, False
            page.append((key, str(item.customer_id)))
        return page, True
