"""The margin guard on promotions (ADR 0023): a flash sale's price, a percent
off (percent_off, member_day, nth_item_discount), a first_n price or percent, a
presale's final price less its deposit's extra worth, and a bundle's price
against its set's cost must leave every SKU in its scope at or over the store's
minimum margin, unless an admin overrides it. A gift is given at 0 by design and
a lucky bag sells at its own SKU's price: neither is checked here.

The SKUs in scope: the SKUs and products it names, and the listed products of
its categories (or of the whole catalog for an empty scope), the first
``MAX_SCANNED_PRODUCTS`` of them. A spend threshold discounts the order, not a
SKU: it is not checked."""

from __future__ import annotations

from dataclasses import replace

from ..domain.catalog import Sku
from ..domain.clock import Clock
from ..domain.margins import Breach, MarginOverride, breaches, guard, margin_percent, percent_promotion_breaches
from ..domain.promotions import Promotion
from .listing import priced
from .ports import CatalogQuery, Position, ProductRepository

PERCENT_TYPES = ("percent_off", "member_day", "nth_item_discount")
MAX_SCANNED_PRODUCTS = 200


class PromotionMargins:
    def __init__(self, products: ProductRepository, clock: Clock, min_margin: int) -> None:
        self.products = products
        self.clock = clock
        self.min_margin = min_margin

    def guard(self, promotion: Promotion, override: MarginOverride | None) -> Promotion:
        """``margin_too_low`` naming the SKUs ``promotion`` takes under the minimum margin,
        unless overridden: then the override is recorded on the promotion."""
        found = self.breaches(promotion)
        recorded = guard(found, self.min_margin, override)
        return replace(promotion, margin_override=recorded.to_dict()) if recorded else promotion

    def breaches(self, promotion: Promotion) -> list[Breach]:
        if promotion.type == "flash_sale" and promotion.sku is not None and promotion.price is not None:
            price = promotion.price
            return [b for sku in self._skus([promotion.sku]) for b in breaches(priced(sku), self.min_margin, price)]
        if promotion.type == "presale" and promotion.sku is not None and promotion.price is not None:
            # what the customer pays in all: the final price less the deposit's extra worth (ADR 0026)
            extra = promotion.presale.deposit_value - promotion.presale.deposit if promotion.presale else 0
            paid = promotion.price - extra
            return [b for sku in self._skus([promotion.sku]) for b in breaches(priced(sku), self.min_margin, paid)]
        if promotion.type == "first_n" and promotion.price is not None:  # a fixed price on its scope (ADR 0028)
            price = promotion.price
            return [b for sku in self._in_scope(promotion) for b in breaches(priced(sku), self.min_margin, price)]
        if promotion.type == "bundle" and promotion.items and promotion.price is not None:
            return self._bundle(promotion.items, promotion.price)
        if (promotion.type in PERCENT_TYPES or promotion.type == "first_n") and promotion.percent is not None:
            percent = promotion.percent
            return [
                b
                for sku in self._in_scope(promotion)
                for b in percent_promotion_breaches(priced(sku), self.min_margin, percent)
            ]
        return []

    def _bundle(self, items: tuple[tuple[str, int], ...], price: int) -> list[Breach]:
        """A bundle's set at its price against the set's cost (ADR 0027): one breach per SKU
        of a set under the minimum, each at its share of the price by list value."""
        skus = {sku.code: sku for sku in self._skus([code for code, _ in items])}
        costed = [(skus[code], quantity) for code, quantity in items if code in skus]
        if len(costed) < len(items) or any(sku.cost_price is None for sku, _ in costed):
            return []  # a SKU without a cost: the set's margin is unknown
        cost = sum((sku.cost_price or 0) * quantity for sku, quantity in costed)
        if margin_percent(price, cost) >= self.min_margin:
            return []
        value = sum(sku.price * quantity for sku, quantity in costed) or 1
        return [
            Breach(
                sku.code,
                "promotion",
                price * sku.price * quantity // value,
                (sku.cost_price or 0) * quantity,
                margin_percent(price, cost),
            )
            for sku, quantity in costed
        ]

    def _in_scope(self, promotion: Promotion) -> list[Sku]:
        scope = promotion.scope
        found: dict[str, Sku] = {s.code: s for s in self._skus(sorted(scope.skus))}
        product_ids = list(scope.product_ids)
        if scope.is_everything:
            product_ids += self._listed(None)
        for category_id in sorted(scope.category_ids):
            product_ids += self._listed(category_id)
        for product_id in dict.fromkeys(product_ids):
            view = self.products.get(product_id)
            if view is not None:
                found.update({sku.code: sku for sku, _ in view.skus})
        return list(found.values())

    def _skus(self, codes: list[str]) -> list[Sku]:
        line_keys = [(pid, code) for code in codes if (pid := self.products.product_id_of(code)) is not None]
        rows = self.products.for_lines(line_keys) if line_keys else {}
        return [row[1] for row in rows.values()]

    def _listed(self, category_id: str | None) -> list[str]:
        """The ids of listed products (of a category and its descendants), newest first, up to the cap."""
        ids: list[str] = []
        after: Position | None = None
        while len(ids) < MAX_SCANNED_PRODUCTS:
            query = CatalogQuery("newest", category_id, None, self.clock.now(), 100)
            page = self.products.catalog(query, after)
            ids += [p.id for p in page.items]
            after = page.next_position
            if after is None:
                break
        return ids[:MAX_SCANNED_PRODUCTS]
