"""One page of any listing: a Query of the table or an index, read in pages
until ``limit`` items are found or MAX_SCAN_ROUNDS reads ran out."""

from __future__ import annotations

from typing import Any

from ...domain.error_codes import CommonErrorCode
from ...domain.errors import FieldError, ValidationFailed
from ...services.ports import Page, Position
from .models import Item

MAX_SCAN_ROUNDS = 5  # a filtered listing reads at most this many pages per request

# The full key of an item in each index: what a page's position names.
BASE_KEYS = ("PK", "SK")
GSI1_KEYS = ("PK", "SK", "GSI1PK", "GSI1SK")
GSI2_KEYS = ("PK", "SK", "GSI2PK", "GSI2SK")
GSI3_KEYS = ("PK", "SK", "GSI3PK", "GSI3SK")
GSI4_KEYS = ("PK", "SK", "GSI4PK", "GSI4SK")


def _key_of(raw: dict[str, Any], attributes: tuple[str, ...]) -> Position:
    return {name: raw[name] for name in attributes}


def check_position(after: Position | None, attributes: tuple[str, ...]) -> Position | None:
    if after is None:
        return None
    if set(after) != set(attributes) or not all(isinstance(v, dict) and len(v) == 1 for v in after.values()):
        raise ValidationFailed(
            "The cursor is not valid for this listing.",
            [FieldError("cursor", "invalid_cursor", "Use next_cursor exactly as returned.")],
            code=CommonErrorCode.INVALID_CURSOR,
        )
    return after


def query_page(
    hash_key: str,
    index: str | None,
    attributes: tuple[str, ...],
    limit: int,
    after: Position | None,
    *,
    forward: bool = True,
    filter_condition: Any = None,
    range_key_condition: Any = None,
    page_size: int | None = None,
) -> Page:
    """One listing page of raw items. Reads pages of limit+1 (or more when a
    filter drops items) and stops after MAX_SCAN_ROUNDS reads, returning what it
    has and a position to resume from."""
    table = Item._get_connection()
    start = check_position(after, attributes)
    collected: list[dict[str, Any]] = []
    if page_size is None:
        page_size = limit + 1 if filter_condition is None else max(limit + 1, 100)
    for _ in range(MAX_SCAN_ROUNDS):
        response = table.query(
            hash_key,
            range_key_condition=range_key_condition,
            filter_condition=filter_condition,
            index_name=index,
            scan_index_forward=forward,
            limit=page_size,
            exclusive_start_key=start,
        )
        raw_items = response.get("Items", [])
        for raw in raw_items:
            if len(collected) == limit:
                return Page([Item.from_raw_data(r) for r in collected], _key_of(collected[-1], attributes))
            collected.append(raw)
        start = response.get("LastEvaluatedKey")
        if start is None:
            return Page([Item.from_raw_data(r) for r in collected], None)
    next_position = _key_of(collected[-1], attributes) if len(collected) == limit else start
    return Page([Item.from_raw_data(r) for r in collected], next_position)
