"""The composition root's part for the coupon wallet (ADR 0018; kept apart so
bootstrap.py stays short): claims, staff grants over the coupon-grants queue, the
customer's wallet. Built once per container, on first use; imports nothing heavy
at module level."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .bootstrap import Container
    from .services.wallet import WalletService

_ATTRIBUTE = "_wallet_service"


def wallet_of(container: Container) -> WalletService:
    """The container's wallet service (a new container, as tests make, builds its own)."""
    built: WalletService | None = container.__dict__.get(_ATTRIBUTE)
    if built is None:
        built = container.__dict__[_ATTRIBUTE] = _build(container)
    return built


def _build(container: Container) -> WalletService:
    from .adapters.chunk_queue import SqsChunkQueue
    from .adapters.dynamo.commerce import DynamoCoupons
    from .adapters.dynamo.crm import DynamoCustomerDirectory
    from .adapters.dynamo.wallet import DynamoWalletCoupons
    from .services.wallet import WalletService

    return WalletService(
        DynamoCoupons(),
        DynamoWalletCoupons(),
        DynamoCustomerDirectory().in_segment,
        container.clock,
        SqsChunkQueue(container.settings, "coupon-grants"),
    )
