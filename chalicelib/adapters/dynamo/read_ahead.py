"""The cart view's read-ahead (ADR 0030): a cart and what pricing it needs, in one
round trip when this process has viewed the cart before.

A cart view reads the cart (GetItem), then what pricing its lines need (one
BatchGetItem: products, SKUs, the customer's membership, the coupon with its usage
and wallet entry, the targeting items), which it can only name once it has the cart.
Each view remembers, per cart id, the keys its pricing asked for. The next view of
that cart in this process asks for the cart *and* those keys in one BatchGetItem,
every item strongly consistent, as both reads were before. When the cart has
changed meanwhile (a line added in another process), pricing reads only the keys
it now needs that were not asked for, in a second BatchGetItem: the view is never
priced on anything but what it needs, read at that view.

The memory is a bounded LRU of cart ids (``MAX_CARTS``), each a tuple of keys; a
key asked for and not found (no membership, a coupon never used) counts as read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from . import keys, raw_reads

MAX_CARTS = 4096
Key = tuple[str, str]

_remembered: OrderedDict[str, tuple[Key, ...]] = OrderedDict()
_lock = threading.Lock()


class ReadAhead:
    """One view's read: what was asked for with the cart (found or not) and what came back."""

    def __init__(self, cart_id: str, asked: frozenset[Key], items: dict[Key, raw_reads.RawItem]) -> None:
        self.cart_id = cart_id
        self.asked = asked
        self.items = items

    def take(self, wanted: Iterable[Key]) -> tuple[list[raw_reads.RawItem], list[Key]]:
        """The wanted items already read, and the wanted keys still to read. The
        wanted keys are remembered for this cart's next view."""
        wanted = tuple(sorted(wanted))
        remember(self.cart_id, wanted)
        found = [self.items[k] for k in wanted if k in self.items]
        return found, [k for k in wanted if k not in self.asked]


def remember(cart_id: str, wanted: tuple[Key, ...]) -> None:
    with _lock:
        _remembered[cart_id] = wanted
        _remembered.move_to_end(cart_id)
        while len(_remembered) > MAX_CARTS:
            _remembered.popitem(last=False)


def forget_all() -> None:
    with _lock:
        _remembered.clear()


def read_cart(cart_id: str) -> tuple[raw_reads.RawItem | None, ReadAhead]:
    """The cart's item (None: no such item), with what its last view in this process
    needed read alongside: one GetItem the first time, one BatchGetItem after."""
    cart_key = keys.cart(cart_id)
    with _lock:
        predicted = _remembered.get(cart_id, ())
    if not predicted:
        return raw_reads.get_item(*cart_key), ReadAhead(cart_id, frozenset(), {})
    asked = frozenset(predicted) | {cart_key}
    items: dict[Key, raw_reads.RawItem] = {}
    for raw in raw_reads.batch_get(sorted(asked)):  # whole items, as pricing reads them
        items[(raw["PK"]["S"], raw["SK"]["S"])] = raw
    return items.pop(cart_key, None), ReadAhead(cart_id, frozenset(predicted), items)
