"""DynamoDB: customer stats, RFM scores and runs, and the staff's customer
search (docs/data-model.md, "Customer stats and RFM")."""

from __future__ import annotations

import zlib
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment
from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from ...domain.customer_stats import CustomerStats, OrderTally
from ...domain.rfm import RfmScore
from ...services.crm_ports import STATS_SHARDS, RfmRun, ScoredCustomer, SegmentChange
from ...services.ports import Customer, Page, Position
from . import keys, transact
from .customer_models import CustomerItem
from .models import Item
from .paging import GSI1_KEYS, GSI2_KEYS, GSI3_KEYS, query_page

MARKER_DAYS = 30  # a stats event's marker outlives any redelivery by far
HISTORY_SLOTS = 12  # a customer's segment history: the last 12 changes


class CustomerStatsItem(Item, discriminator="CustomerStats"):
    customer_id = UnicodeAttribute()
    body = JSONAttribute()  # the stats, months included (a few hundred bytes)
    stats_version = NumberAttribute()


class StatsOrderItem(Item, discriminator="CustomerStatsOrder"):
    body = JSONAttribute()  # the order's tally


class StatsEventMarker(Item, discriminator="CustomerStatsEvent"):
    at = Moment()
    expires_at = TTLAttribute(null=True)


class RfmItem(Item, discriminator="CustomerRfm"):
    customer_id = UnicodeAttribute()
    r = NumberAttribute()
    f = NumberAttribute()
    m = NumberAttribute()
    segment = UnicodeAttribute()
    scored_on = UnicodeAttribute()
    changes = NumberAttribute()


class RfmHistoryItem(Item, discriminator="CustomerRfmChange"):
    body = JSONAttribute()


class RfmRunItem(Item, discriminator="RfmRun"):
    body = JSONAttribute()


def shard_of(customer_id: str) -> int:
    return zlib.crc32(customer_id.encode()) % STATS_SHARDS


def stats_key(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "STATS"


def rfm_key(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "RFM"


def _stats_body(s: CustomerStats) -> dict[str, Any]:
    return {
        "orders_count": s.orders_count,
        "total_spent": s.total_spent,
        "refunded": s.refunded,
        "completed_count": s.completed_count,
        "first_order_at": s.first_order_at.isoformat() if s.first_order_at else None,
        "last_order_at": s.last_order_at.isoformat() if s.last_order_at else None,
        "currency": s.currency,
        "months": s.months,
    }


def stats_of(item: CustomerStatsItem) -> CustomerStats:
    b = item.body

    def moment(v: str | None) -> datetime | None:
        return datetime.fromisoformat(v) if v else None

    return CustomerStats(
        customer_id=item.customer_id,
        orders_count=int(b["orders_count"]),
        total_spent=int(b["total_spent"]),
        refunded=int(b["refunded"]),
        completed_count=int(b.get("completed_count", 0)),
        first_order_at=moment(b.get("first_order_at")),
        last_order_at=moment(b.get("last_order_at")),
        currency=str(b.get("currency", "CNY")),
        months={str(k): [int(x) for x in v] for k, v in b.get("months", {}).items()},
        version=int(item.stats_version),
    )


def _rfm_of(item: RfmItem) -> RfmScore:
    return RfmScore(int(item.r), int(item.f), int(item.m), item.segment, date.fromisoformat(item.scored_on))


class DynamoCustomerStats:
    def load(self, customer_id: str, order_id: str) -> tuple[CustomerStats, OrderTally]:
        try:
            stats = stats_of(CustomerStatsItem.get(*stats_key(customer_id), consistent_read=True))
        except DoesNotExist:
            stats = CustomerStats(customer_id)
        try:
            tally = OrderTally(**StatsOrderItem.get(f"CUSTOMER#{customer_id}", f"STATSORDER#{order_id}").body)
        except DoesNotExist:
            tally = OrderTally(order_id)
        return stats, tally

    def save(self, stats: CustomerStats, tally: OrderTally, event_id: str, expected_version: int, at: datetime) -> str:
        pk = f"CUSTOMER#{stats.customer_id}"
        shard = shard_of(stats.customer_id)
        item = CustomerStatsItem(
            *stats_key(stats.customer_id),
            customer_id=stats.customer_id,
            body=_stats_body(stats),
            stats_version=stats.version,
            GSI5PK=f"CUSTSTATS#{shard:02d}",
            GSI5SK=stats.customer_id,
        )
        marker = StatsEventMarker(pk, f"STATSEVENT#{event_id}", at=at, expires_at=at + timedelta(days=MARKER_DAYS))
        order = StatsOrderItem(pk, f"STATSORDER#{tally.order_id}", body=tally.__dict__)
        version_ok: Any
        if expected_version == 0:
            version_ok = CustomerStatsItem.PK.does_not_exist()
        else:
            version_ok = CustomerStatsItem.stats_version == expected_version

        labels: list[str] = []

        def build(tw: TransactWrite) -> None:
            lab = transact.Labelled(tw)
            lab.save("marker", marker, condition=StatsEventMarker.PK.does_not_exist())
            lab.save("stats", item, condition=version_ok)
            lab.save("order", order)
            labels[:] = lab.labels

        from pynamodb.exceptions import TransactWriteError

        try:
            transact.run(build)
        except TransactWriteError as error:
            failed = transact.failed_labels(error, labels)
            if "marker" in failed:
                return "duplicate"
            if "stats" in failed:
                return "conflict"
            raise
        except transact.TransactionConflictExhausted:
            return "conflict"
        return "saved"

    def get(self, customer_id: str) -> ScoredCustomer | None:
        try:
            stats = stats_of(CustomerStatsItem.get(*stats_key(customer_id), consistent_read=True))
        except DoesNotExist:
            return None
        try:
            rfm: RfmScore | None = _rfm_of(RfmItem.get(*rfm_key(customer_id)))
        except DoesNotExist:
            rfm = None
        return ScoredCustomer(stats, rfm)


class DynamoRfm:
    def page(self, shard: int, after: Position | None, limit: int) -> tuple[list[ScoredCustomer], Position | None]:
        table = Item._get_connection()
        response = table.query(
            f"CUSTSTATS#{shard:02d}", index_name="GSI5", limit=limit, exclusive_start_key=after or None
        )
        stats = [stats_of(Item.from_raw_data(raw)) for raw in response.get("Items", [])]  # type: ignore[arg-type]
        scores: dict[str, RfmItem] = {}
        for start in range(0, len(stats), 100):
            ids = [s.customer_id for s in stats[start : start + 100]]
            for found in RfmItem.batch_get([rfm_key(i) for i in ids]):
                scores[found.customer_id] = found
        rows = []
        for s in stats:
            item = scores.get(s.customer_id)
            rows.append(ScoredCustomer(s, _rfm_of(item), int(item.changes)) if item else ScoredCustomer(s, None))
        return rows, response.get("LastEvaluatedKey")

    def set_scores(self, changed: list[tuple[ScoredCustomer, RfmScore]]) -> None:
        """The new scores and their history entries, in batch writes (25 items a
        request, unconditional: an overlapping run of the same day writes the same
        scores into the same history slot)."""
        with RfmItem.batch_write() as batch:
            for customer, score in changed:
                customer_id, previous = customer.stats.customer_id, customer.rfm
                batch.save(
                    RfmItem(
                        *rfm_key(customer_id),
                        customer_id=customer_id,
                        r=score.r,
                        f=score.f,
                        m=score.m,
                        segment=score.segment,
                        scored_on=score.scored_on.isoformat(),
                        changes=customer.changes + 1,
                        GSI3PK=f"SEGMENT#{score.segment}",
                        GSI3SK=customer.stats.total_spent,
                    )
                )
                change = SegmentChange(
                    score.scored_on, previous.segment if previous else None, score.segment, score.r, score.f, score.m
                )
                body = {**change.__dict__, "on": change.on.isoformat()}
                slot = f"RFMHIST#{customer.changes % HISTORY_SLOTS:02d}"
                batch.save(RfmHistoryItem(f"CUSTOMER#{customer_id}", slot, body=body))

    def run(self, day: date) -> RfmRun | None:
        try:
            return _run_of(RfmRunItem.get("RFMRUN", f"DAY#{day.isoformat()}", consistent_read=True).body)
        except DoesNotExist:
            return None

    def save_run(self, run: RfmRun) -> None:
        body = {
            "day": run.day.isoformat(),
            "phase": run.phase,
            "shard": run.shard,
            "after": run.after,
            "histograms": run.histograms,
            "counts": run.counts,
            "scanned": run.scanned,
            "changed": run.changed,
        }
        RfmRunItem("RFMRUN", f"DAY#{run.day.isoformat()}", body=body).save()
        if run.phase == "done":
            RfmRunItem("RFMRUN", "LATEST", body=body).save()

    def latest_run(self) -> RfmRun | None:
        try:
            return _run_of(RfmRunItem.get("RFMRUN", "LATEST").body)
        except DoesNotExist:
            return None

    def history(self, customer_id: str) -> list[SegmentChange]:
        found = RfmHistoryItem.query(f"CUSTOMER#{customer_id}", RfmHistoryItem.SK.startswith("RFMHIST#"))
        changes = [SegmentChange(**{**i.body, "on": date.fromisoformat(i.body["on"])}) for i in found]
        return sorted(changes, key=lambda c: c.on, reverse=True)


def _run_of(b: dict[str, Any]) -> RfmRun:
    return RfmRun(
        day=date.fromisoformat(b["day"]),
        phase=b["phase"],
        shard=int(b["shard"]),
        after=b.get("after"),
        histograms=b.get("histograms", {}),
        counts=b.get("counts", {}),
        scanned=int(b.get("scanned", 0)),
        changed=int(b.get("changed", 0)),
    )


# --- the staff's customer search ------------------------------------------------------------
def search_keys(email: str, name: str, customer_id: str) -> dict[str, str]:
    """The index attributes a customer's profile item carries: GSI1 by e-mail,
    GSI2 by name (lower-cased), each partitioned by its first character."""
    mail, folded = email.strip().lower(), name.strip().lower()
    return {
        "GSI1PK": f"CUSTSEARCH#EMAIL#{mail[:1]}",
        "GSI1SK": mail,
        "GSI2PK": f"CUSTSEARCH#NAME#{folded[:1]}",
        "GSI2SK": f"{folded}#{customer_id}",
    }


def _customer(item: Any) -> Customer:
    return Customer(item.id, item.email, item.name, item.password_hash, item.created_at)


class DynamoCustomerDirectory:
    def _prefix(
        self, pk: str, index: str, attrs: tuple[str, ...], sk: str, prefix: str, limit: int, after: Any
    ) -> Page:
        condition = getattr(Item, sk).startswith(prefix)
        page = query_page(pk, index, attrs, limit, after, range_key_condition=condition)
        return Page([_customer(i) for i in page.items], page.next_position)

    def by_email_prefix(self, prefix: str, limit: int, after: Position | None) -> Page:
        p = prefix.strip().lower()
        return self._prefix(f"CUSTSEARCH#EMAIL#{p[:1]}", "GSI1", GSI1_KEYS, "GSI1SK", p, limit, after)

    def by_name_prefix(self, prefix: str, limit: int, after: Position | None) -> Page:
        p = prefix.strip().lower()
        return self._prefix(f"CUSTSEARCH#NAME#{p[:1]}", "GSI2", GSI2_KEYS, "GSI2SK", p, limit, after)

    def by_phone_prefix(self, prefix: str, limit: int, after: Position | None) -> Page:
        return Page([], None)  # customers have no phone yet: the profile adds it with its index

    def in_segment(self, segment: str, limit: int, after: Position | None) -> Page:
        page = query_page(f"SEGMENT#{segment}", "GSI3", GSI3_KEYS, limit, after, forward=False)
        return Page([i.customer_id for i in page.items], page.next_position)

    def customers(self, ids: list[str]) -> dict[str, Customer]:
        out: dict[str, Customer] = {}
        for start in range(0, len(ids), 100):
            for item in CustomerItem.batch_get([keys.customer(i) for i in ids[start : start + 100]]):
                out[item.id] = _customer(item)
        return out

    def profile(self, customer_id: str) -> dict[str, Any] | None:
        try:
            item = CustomerItem.get(*keys.customer(customer_id), consistent_read=True)
        except DoesNotExist:
            return None
        hidden = {"PK", "SK", "type", "password_hash"}
        return {k: v for k, v in item.attribute_values.items() if k not in hidden and not k.startswith("GSI")}
