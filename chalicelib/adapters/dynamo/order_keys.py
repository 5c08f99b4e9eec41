"""Keys of an order's index items (ADR 0031), beside keys.py (near its size cap).

An order's partition (``keys.order``) holds the order item and one small item
per listing the order is in; each carries that listing's index keys, so
rewriting the order item writes no index.
"""

from __future__ import annotations

from . import keys

INDEX_PREFIX = "IDX#"
CUSTOMER = "customer"  # GSI1: the customer's orders (keys.customer_orders), by order id
STATUS = "status"  # GSI2: orders by status (keys.orders_by_status), by order id
DUE = "due"  # GSI5: the due queue of the order's next timed action (keys.DUE_*), by due time
KINDS = (CUSTOMER, STATUS, DUE)


def order_index(order_id: str, kind: str) -> tuple[str, str]:
    """The item that lists the order on one index: ``ORDER#<id>``, ``IDX#<kind>``."""
    return keys.order(order_id)[0], f"{INDEX_PREFIX}{kind}"
