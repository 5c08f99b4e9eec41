"""Every key string of the single table is built here and nowhere else.

See docs/data-model.md for the entity chart and the access patterns.
"""

from __future__ import annotations

from datetime import UTC, datetime


def customer(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "PROFILE"


def customer_email(email: str) -> tuple[str, str]:
    return f"EMAIL#{email}", "EMAIL"


def api_key(digest: str) -> tuple[str, str]:
    return f"APIKEY#{digest}", "APIKEY"


API_KEYS_GSI1PK = "APIKEYS"


def category(category_id: str) -> tuple[str, str]:
    return f"CATEGORY#{category_id}", "CATEGORY"


def category_slug(slug: str) -> tuple[str, str]:
    return f"CATSLUG#{slug}", "CATSLUG"


CATEGORIES_GSI1PK = "CATEGORIES"


def product(product_id: str) -> tuple[str, str]:
    return f"PRODUCT#{product_id}", "PRODUCT"


# Sparse catalog indexes: only listed products carry these keys.
CATALOG_PK = "CATALOG"


def products_by_status(status: str) -> str:
    return f"PRODUCTS#{status}"


DUE_LISTING_PK = "DUE#listing"


def due_sort_key(at: datetime, entity_id: str) -> str:
    return f"{at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{entity_id}"


def sku(code: str) -> tuple[str, str]:
    return f"SKU#{code}", "SKU"


LEDGER_PREFIX = "LEDGER#"


def ledger_entry(code: str, entry_id: str) -> tuple[str, str]:
    return f"SKU#{code}", f"{LEDGER_PREFIX}{entry_id}"
