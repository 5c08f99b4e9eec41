"""DynamoDB: the small items that list an order (ADR 0031). The order item
carries no index keys; its partition holds one item per listing instead:

- ``IDX#customer``: GSI1 ``CUSTOMER#<id>#ORDERS`` / order id (the customer's
  orders, newest first), written once, at checkout;
- ``IDX#status``: GSI2 ``ORDERS#<status>`` / order id (staff lists), written
  when the status changes;
- ``IDX#due``: GSI5 ``DUE#<queue>`` / ``<due time>#<order id>`` (the timed
  jobs), written when the queue or the time changes, deleted when nothing is due.

Each is written in the transaction that changes the order, so a listing never
disagrees with the order for longer than its index takes to catch up. Rewriting
the order item (1 to 2 KB) writes no index; an index item is about 100 bytes
and holds no personal data (the customer id, as the order keeps it, and the
order id). Listings read the index items, then the orders in one
strongly consistent BatchGetItem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pynamodb.attributes import UnicodeAttribute

from ...domain.orders import Order
from ...services.ports import Page
from . import keys, raw_reads, transact
from .models import Item, OrderRecord
from .order_keys import CUSTOMER, DUE, STATUS, order_index
from .order_records import due_key, order_of


class OrderIndexItem(Item, discriminator="OrderIndex"):
    order_id = UnicodeAttribute()


def customer_item(order: Order) -> OrderIndexItem:
    return OrderIndexItem(
        *order_index(order.id, CUSTOMER),
        order_id=order.id,
        GSI1PK=keys.customer_orders(order.customer_id),
        GSI1SK=order.id,
    )


def status_item(order: Order) -> OrderIndexItem:
    return OrderIndexItem(
        *order_index(order.id, STATUS),
        order_id=order.id,
        GSI2PK=keys.orders_by_status(order.status),
        GSI2SK=order.id,
    )


def due_item(order_id: str, due: tuple[str, str]) -> OrderIndexItem:
    return OrderIndexItem(*order_index(order_id, DUE), order_id=order_id, GSI5PK=due[0], GSI5SK=due[1])


def items(order: Order) -> list[OrderIndexItem]:
    """Every index item the order has: its customer's, its status's and, when
    something is due, its due queue's."""
    due = due_key(order)
    return [customer_item(order), status_item(order)] + ([due_item(order.id, due)] if due is not None else [])


def file_new(t: transact.Labelled, order: Order) -> None:
    """A new order's index items, in the transaction that places it."""
    for item in items(order):
        t.save("index", item)


def file_changes(t: transact.Labelled, order: Order, previous: Order | None) -> None:
    """The index items whose keys ``order`` changes from ``previous`` (the same
    version as read); with no ``previous``, the status and due items are written
    as they now are. The customer item never changes after checkout."""
    if previous is None or previous.status != order.status:
        t.save("index:status", status_item(order))
    due = due_key(order)
    if previous is None or due != due_key(previous):
        if due is None:
            t.delete("index:due", OrderIndexItem(*order_index(order.id, DUE)))
        else:
            t.save("index:due", due_item(order.id, due))


def orders_by_id(order_ids: Iterable[str]) -> dict[str, Order]:
    """The orders of these ids that exist, read strongly consistently in BatchGetItem."""
    wanted = sorted({keys.order(order_id) for order_id in order_ids})
    if not wanted:
        return {}
    found = (order_of(raw_reads.decode(raw, OrderRecord)) for raw in raw_reads.batch_get(wanted))
    return {order.id: order for order in found}


def order_ids(entries: Iterable[Item]) -> list[str]:
    return [str(item.order_id) for item in entries if isinstance(item, OrderIndexItem)]


def orders_page(page: Page, keep: Callable[[Order], bool] | None = None) -> Page:
    """A page of index items as the orders they list, in the page's order, at the
    page's position; an order ``keep`` refuses (its index not caught up) is left out."""
    ids = order_ids(page.items)
    found = orders_by_id(ids)
    kept = [found[i] for i in ids if i in found and (keep is None or keep(found[i]))]
    return Page(kept, page.next_position)
