"""The staff's customer view: search by e-mail, phone or name prefix (or list a
segment), and one customer's profile, stats, RFM, membership, orders and tickets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain.errors import FieldError, NotFound, ValidationFailed
from ..domain.rfm import SEGMENTS
from .crm_ports import CustomerDirectory, RfmStore, ScoredCustomer, SegmentChange
from .ports import Customer, Page, Position

RECENT = 5  # orders and tickets on the customer's page


@dataclass(frozen=True)
class CustomerDetail:
    profile: dict[str, Any]
    scored: ScoredCustomer | None
    history: list[SegmentChange]
    membership: Any
    orders: list[Any]
    tickets: list[Any]


def search_field(q: str) -> str:
    """Which index a query reads: e-mail when it has an @, phone when it is a
    number (digits, optionally after +), else the name."""
    text = q.strip()
    if "@" in text:
        return "email"
    if text.lstrip("+").replace(" ", "").replace("-", "").isdigit():
        return "phone"
    return "name"


class CustomerView:
    def __init__(
        self,
        directory: CustomerDirectory,
        stats: Callable[[str], ScoredCustomer | None],
        rfm: RfmStore,
        membership: Callable[[str], Any],
        orders: Callable[[str, int, Position | None], Page],
        tickets: Callable[[str, int, Position | None], Page],
    ) -> None:
        self.directory = directory
        self.stats = stats
        self.rfm = rfm
        self.membership = membership
        self.orders = orders
        self.tickets = tickets

    def search(self, q: str | None, segment: str | None, limit: int, after: Position | None) -> Page:
        """A page of (customer, scored) pairs. With a segment the segment's index
        is read (biggest spenders first) and q, if any, keeps the page's matches."""
        if segment is not None and segment not in SEGMENTS:
            raise ValidationFailed(
                f"No segment {segment!r}.", [FieldError("segment", "unknown_segment", f"One of {', '.join(SEGMENTS)}.")]
            )
        text = (q or "").strip()
        if segment is None:
            if not text:
                raise ValidationFailed(
                    "Give q (an e-mail, phone or name prefix) or segment.",
                    [FieldError("q", "required", "Search by a prefix or list a segment.")],
                )
            lookup = {
                "email": self.directory.by_email_prefix,
                "phone": self.directory.by_phone_prefix,
                "name": self.directory.by_name_prefix,
            }[search_field(text)]
            page = lookup(text, limit, after)
            return Page([(c, None) for c in page.items], page.next_position)
        ids_page = self.directory.in_segment(segment, limit, after)
        found = self.directory.customers(list(ids_page.items))
        rows = [found[i] for i in ids_page.items if i in found and _matches(found[i], text)]
        return Page([(c, None) for c in rows], ids_page.next_position)

    def detail(self, customer_id: str) -> CustomerDetail:
        profile = self.directory.profile(customer_id)
        if profile is None:
            raise NotFound(f"No customer {customer_id}.")
        return CustomerDetail(
            profile=profile,
            scored=self.stats(customer_id),
            history=self.rfm.history(customer_id),
            membership=self.membership(customer_id),
            orders=list(self.orders(customer_id, RECENT, None).items),
            tickets=list(self.tickets(customer_id, RECENT, None).items),
        )

    def customer_orders(self, customer_id: str, limit: int, after: Position | None) -> Page:
        if self.directory.profile(customer_id) is None:
            raise NotFound(f"No customer {customer_id}.")
        return self.orders(customer_id, limit, after)


def _matches(customer: Customer, text: str) -> bool:
    if not text:
        return True
    t = text.lower()
    return customer.email.lower().startswith(t) or customer.name.lower().startswith(t)
