"""DynamoDB: visitor traffic, marketing spend and the daily KPI rows (ADR 0021,
docs/data-model.md "Analytics").

- Counters: ``ANALYTICS#DAY#<day>`` / ``TRAFFIC#<shard>``, one of COUNTER_SHARDS
  items chosen at random per write, ADDed (no read, no condition) and summed on
  read; a product's own counters under ``ANALYTICS#DAY#<day>#PRODUCT#<id>``.
- Visitor sketches: HyperLogLog registers as number-set attributes ``r<i>`` of
  segment items ``UV#<segment>`` (1,024 registers an item): a batch ADDs each
  rank it offers to its register's set, one UpdateItem per segment touched (an
  atomic union: no read, no condition, no lost raise under concurrent batches);
  a register is the largest rank in its set. A set holds only the distinct ranks
  offered (at most 65 - precision, a handful in practice), so an item stays
  within tens of KB.
- Sessions: ``ANALYTICS#SESSION#<day>#<session id>``, its events and pages ADDed
  with the counts returned, expiring after SESSION_TTL.
The writes go through a low-level client (register names are computed), the
models below name the item kinds and their attributes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

from pynamodb.attributes import (
    BinaryAttribute,
    JSONAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)

from ...domain.analytics import EVENT_TYPES, PRODUCT_PRECISION, shard
from ...domain.hll import DEFAULT_PRECISION, HyperLogLog
from ...domain.kpis import DayKpis
from ...services.analytics_ports import SessionKey, SpendEntry
from .models import Item

SEGMENT = 1024  # registers per sketch item
COUNTER_NAMES = (*EVENT_TYPES, "sessions", "single_page_sessions")
WRITERS = 8


class AnalyticsTrafficItem(Item, discriminator="AnalyticsTraffic"):
    """One shard of a day's (or a day and product's) event counters."""

    page_view = NumberAttribute(null=True)
    product_view = NumberAttribute(null=True)
    add_to_cart = NumberAttribute(null=True)
    begin_checkout = NumberAttribute(null=True)
    search = NumberAttribute(null=True)
    sessions = NumberAttribute(null=True)
    single_page_sessions = NumberAttribute(null=True)


class AnalyticsVisitorsItem(Item, discriminator="AnalyticsVisitors"):
    """1,024 HyperLogLog registers of a day's (or a day and product's) visitors, as ``r<i>``."""


class AnalyticsSessionItem(Item, discriminator="AnalyticsSession"):
    events = NumberAttribute(default=0)
    pages = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)


class MarketingSpendItem(Item, discriminator="MarketingSpend"):
    day = UnicodeAttribute()
    channel = UnicodeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    campaign = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()


class AnalyticsKpiDayItem(Item, discriminator="AnalyticsKpiDay"):
    body = JSONAttribute()  # the day's counts
    visitors = BinaryAttribute(null=True, legacy_encoding=False)
    customers = BinaryAttribute(null=True, legacy_encoding=False)


# --- keys ----------------------------------------------------------------------------------------
def day_pk(day: date) -> str:
    return f"ANALYTICS#DAY#{day.isoformat()}"


def product_pk(day: date, product_id: str) -> str:
    return f"{day_pk(day)}#PRODUCT#{product_id}"


def session_pk(day: date, session_id: str) -> str:
    return f"ANALYTICS#SESSION#{day.isoformat()}#{session_id}"


KPI_PK = "ANALYTICS#KPI"


# --- the low-level client --------------------------------------------------------------------------
_clients: dict[tuple[str, str | None], Any] = {}
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def client() -> Any:
    meta = Item.Meta
    key = (meta.region, meta.host)
    with _lock:
        if key not in _clients:
            from botocore.config import Config
            from botocore.session import get_session

            config = Config(
                max_pool_connections=meta.max_pool_connections,
                retries={"total_max_attempts": 1 + meta.max_retry_attempts, "mode": "standard"},
                connect_timeout=meta.connect_timeout_seconds,
                read_timeout=meta.read_timeout_seconds,
            )
            _clients[key] = get_session().create_client("dynamodb", meta.region, endpoint_url=meta.host, config=config)
        return _clients[key]


def _in_parallel(calls: list[Any]) -> list[Any]:
    global _pool
    if len(calls) <= 1:
        return [call() for call in calls]
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="analytics")
    return list(_pool.map(lambda call: call(), calls))


def _key(pk: str, sk: str) -> dict[str, Any]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


def _add(pk: str, sk: str, counts: dict[str, int]) -> Any:
    """ADD the counts to one item (created by the first ADD), no read, no condition."""
    names = {f"#c{i}": name for i, name in enumerate(counts)} | {"#type": "type"}
    values = {f":c{i}": {"N": str(n)} for i, n in enumerate(counts.values())} | {":type": {"S": "AnalyticsTraffic"}}
    return client().update_item(
        TableName=Item.Meta.table_name,
        Key=_key(pk, sk),
        UpdateExpression=f"ADD {', '.join(f'#c{i} :c{i}' for i in range(len(counts)))} SET #type = :type",
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
    )


def _raise_registers(pk: str, registers: dict[int, int]) -> list[Any]:
    """One UpdateItem per segment item touched: each register's rank ADDed to the
    register's number set (an atomic union: no read, no condition, and concurrent
    writers never lose a raise). A register's value is the largest rank in its set."""
    by_segment: dict[int, dict[int, int]] = {}
    for index, rank in registers.items():
        segment, slot = divmod(index, SEGMENT)
        by_segment.setdefault(segment, {})[slot] = rank

    def update(segment: int, slots: dict[int, int]) -> Any:
        names = {f"#r{i}": f"r{slot}" for i, slot in enumerate(slots)} | {"#type": "type"}
        values = {f":r{i}": {"NS": [str(rank)]} for i, rank in enumerate(slots.values())}
        return lambda: client().update_item(
            TableName=Item.Meta.table_name,
            Key=_key(pk, f"UV#{segment:02d}"),
            UpdateExpression=f"ADD {', '.join(f'#r{i} :r{i}' for i in range(len(slots)))} SET #type = :type",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values | {":type": {"S": "AnalyticsVisitors"}},
        )

    return [update(segment, slots) for segment, slots in by_segment.items()]


def _query(pk: str, prefix: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {
        "TableName": Item.Meta.table_name,
        "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)" if prefix else "PK = :pk",
        "ExpressionAttributeValues": {":pk": {"S": pk}} | ({":prefix": {"S": prefix}} if prefix else {}),
        "ConsistentRead": True,
    }
    while True:
        page = client().query(**params)
        items += page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return items
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _counters(items: list[dict[str, Any]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for item in items:
        for name in COUNTER_NAMES:
            if name in item:
                total[name] = total.get(name, 0) + int(item[name]["N"])
    return total


def _registers(items: list[dict[str, Any]], precision: int) -> bytes:
    sketch = HyperLogLog(precision)
    for item in items:
        segment = int(item["SK"]["S"].removeprefix("UV#"))
        for name, value in item.items():
            if name.startswith("r") and name[1:].isdigit():
                index = segment * SEGMENT + int(name[1:])
                if index < sketch.m:
                    sketch.set_max(index, max(int(rank) for rank in value["NS"]))
    return b"" if sketch.is_empty() else sketch.to_bytes()


class DynamoTraffic:
    def add_sessions(
        self, sessions: dict[SessionKey, tuple[int, int]], expires_at: datetime
    ) -> dict[SessionKey, tuple[int, int]]:
        keys = list(sessions)
        ttl = {":ttl": {"N": str(int(expires_at.timestamp()))}}

        def add(key: SessionKey) -> Any:
            events, pages = sessions[key]
            return lambda: client().update_item(
                TableName=Item.Meta.table_name,
                Key=_key(session_pk(*key), "SESSION"),
                UpdateExpression="ADD events :e, pages :p SET #type = :type, expires_at = :ttl",
                ExpressionAttributeNames={"#type": "type"},
                ExpressionAttributeValues={
                    ":e": {"N": str(events)},
                    ":p": {"N": str(pages)},
                    ":type": {"S": "AnalyticsSession"},
                    **ttl,
                },
                ReturnValues="ALL_NEW",  # the counts this ADD left (UPDATED_NEW may omit an ADD of 0)
            )

        answers = _in_parallel([add(k) for k in keys])
        return {
            k: (int(a["Attributes"].get("events", {"N": "0"})["N"]), int(a["Attributes"].get("pages", {"N": "0"})["N"]))
            for k, a in zip(keys, answers, strict=True)
        }

    def add_counts(
        self, counts: dict[date, dict[str, int]], product_counts: dict[tuple[date, str], dict[str, int]]
    ) -> None:
        calls: list[Any] = []
        for day, named in counts.items():
            named = {k: v for k, v in named.items() if v}
            if named:
                calls.append(lambda d=day, n=named: _add(day_pk(d), f"TRAFFIC#{shard():02d}", n))
        for (day, product_id), named in product_counts.items():
            calls.append(lambda d=day, p=product_id, n=named: _add(product_pk(d, p), f"TRAFFIC#{shard():02d}", n))
        _in_parallel(calls)

    def offer_registers(
        self, visitors: dict[date, dict[int, int]], product_visitors: dict[tuple[date, str], dict[int, int]]
    ) -> None:
        calls: list[Any] = []
        for day, registers in visitors.items():
            calls += _raise_registers(day_pk(day), registers)
        for (day, product_id), registers in product_visitors.items():
            calls += _raise_registers(product_pk(day, product_id), registers)
        _in_parallel(calls)

    def day_counts(self, day: date) -> dict[str, int]:
        return _counters(_query(day_pk(day), "TRAFFIC#"))

    def day_visitors(self, day: date) -> bytes:
        return _registers(_query(day_pk(day), "UV#"), DEFAULT_PRECISION)

    def product_day(self, day: date, product_id: str) -> tuple[dict[str, int], bytes]:
        items = _query(product_pk(day, product_id), "")
        counters = [i for i in items if i["SK"]["S"].startswith("TRAFFIC#")]
        segments = [i for i in items if i["SK"]["S"].startswith("UV#")]
        return _counters(counters), _registers(segments, PRODUCT_PRECISION)


class DynamoSpend:
    def add(self, entry: SpendEntry) -> None:
        MarketingSpendItem(
            f"ANALYTICS#SPEND#{entry.day.isoformat()}",
            f"SPEND#{entry.id}",
            day=entry.day.isoformat(),
            channel=entry.channel,
            amount=entry.amount,
            currency=entry.currency,
            campaign=entry.campaign,
            created_at=entry.created_at,
            created_by=entry.created_by,
        ).save()

    def for_day(self, day: date) -> list[SpendEntry]:
        return [
            SpendEntry(
                item.SK.removeprefix("SPEND#"),
                date.fromisoformat(item.day),
                item.channel,
                int(item.amount),
                item.currency,
                item.campaign,
                item.created_at,
                item.created_by,
            )
            for item in MarketingSpendItem.query(f"ANALYTICS#SPEND#{day.isoformat()}", consistent_read=True)
        ]


class DynamoKpis:
    def save(self, kpis: DayKpis) -> None:
        body = {
            name: getattr(kpis, name)
            for name in DayKpis.__dataclass_fields__
            if name not in ("day", "visitors", "customers")
        }
        AnalyticsKpiDayItem(
            KPI_PK,
            f"DAY#{kpis.day.isoformat()}",
            body=body,
            visitors=kpis.visitors or None,
            customers=kpis.customers or None,
        ).save()

    def days(self, first: date, last: date) -> list[DayKpis]:
        rows = AnalyticsKpiDayItem.query(
            KPI_PK,
            AnalyticsKpiDayItem.SK.between(f"DAY#{first.isoformat()}", f"DAY#{last.isoformat()}"),
            consistent_read=True,
        )
        return [
            DayKpis(
                day=date.fromisoformat(row.SK.removeprefix("DAY#")),
                visitors=bytes(row.visitors or b""),
                customers=bytes(row.customers or b""),
                **row.body,
            )
            for row in rows
        ]
