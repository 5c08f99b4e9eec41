"""A promotion's merchandising rules (ADR 0027) in its item's ``rules`` map: gift with
purchase, bundle, lucky bag and the members-only flag of a flash sale."""

from __future__ import annotations

from typing import Any

from ...domain.promotions import Promotion


def merch_rules_json(p: Promotion) -> dict[str, Any]:
    return {
        "gift_sku": p.gift_sku,
        "gift_product_id": p.gift_product_id,
        "gift_quantity": p.gift_quantity,
        "gift_limit": p.gift_limit,
        "trigger_sku": p.trigger_sku,
        "trigger_quantity": p.trigger_quantity,
        "threshold": p.threshold,
        "items": [[sku, quantity] for sku, quantity in p.items],
        "pool": [[product_id, sku] for product_id, sku in p.pool],
        "members_only": p.members_only,
    }


def merch_fields(rules: dict[str, Any]) -> dict[str, Any]:
    """Promotion's merchandising fields from its rules (absent in older items: defaults)."""

    def opt(name: str) -> int | None:
        value = rules.get(name)
        return int(value) if value is not None else None

    return {
        "gift_sku": rules.get("gift_sku"),
        "gift_product_id": rules.get("gift_product_id"),
        "gift_quantity": int(rules.get("gift_quantity") or 1),
        "gift_limit": opt("gift_limit"),
        "trigger_sku": rules.get("trigger_sku"),
        "trigger_quantity": int(rules.get("trigger_quantity") or 1),
        "threshold": opt("threshold"),
        "items": tuple((str(sku), int(quantity)) for sku, quantity in rules.get("items") or []),
        "pool": tuple((str(product_id), str(sku)) for product_id, sku in rules.get("pool") or []),
        "members_only": bool(rules.get("members_only") or False),
    }
