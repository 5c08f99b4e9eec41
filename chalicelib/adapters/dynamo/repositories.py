"""DynamoDB implementations of the service ports. Every method is one named
access pattern in docs/data-model.md."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.catalog import Category, Product, Sku, StockLevel
from ...domain.errors import Conflict, FieldError, InsufficientStock, NotFound, ValidationFailed
from ...services.ports import CatalogQuery, Customer, LedgerEntry, OutboxEvent, Page, Position, ProductView, StaffKey
from . import keys, transact
from .models import (
    ApiKeyItem,
    CategoryItem,
    CategorySlugItem,
    CustomerEmailItem,
    CustomerItem,
    Item,
    LedgerItem,
    ProductItem,
    SkuCodeItem,
    SkuItem,
)

MAX_SCAN_ROUNDS = 5  # a filtered listing reads at most this many pages per request


def _key_of(raw: dict[str, Any], attributes: tuple[str, ...]) -> Position:
    return {name: raw[name] for name in attributes}


def _check_position(after: Position | None, attributes: tuple[str, ...]) -> Position | None:
    if after is None:
        return None
    if set(after) != set(attributes) or not all(isinstance(v, dict) and len(v) == 1 for v in after.values()):
        raise ValidationFailed(
            "The cursor is not valid for this listing.",
            [FieldError("cursor", "invalid_cursor", "Use next_cursor exactly as returned.")],
            code="invalid_cursor",
        )
    return after


def _query_page(
    hash_key: str,
    index: str | None,
    attributes: tuple[str, ...],
    limit: int,
    after: Position | None,
    *,
    forward: bool = True,
    filter_condition: Any = None,
    range_key_condition: Any = None,
) -> Page:
    """One listing page of raw items. Reads pages of limit+1 (or more when a
    filter drops items) and stops after MAX_SCAN_ROUNDS reads, returning what it
    has and a position to resume from."""
    table = Item._get_connection()
    start = _check_position(after, attributes)
    collected: list[dict[str, Any]] = []
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


# --- customers ------------------------------------------------------------------
class DynamoCustomers:
    def add(self, customer: Customer) -> None:
        item = CustomerItem(
            *keys.customer(customer.id),
            id=customer.id,
            email=customer.email,
            name=customer.name,
            password_hash=customer.password_hash,
            created_at=customer.created_at,
        )
        email = CustomerEmailItem(*keys.customer_email(customer.email), customer_id=customer.id)

        def build(tw: TransactWrite) -> None:
            tw.save(email, condition=CustomerEmailItem.PK.does_not_exist())
            tw.save(item, condition=CustomerItem.PK.does_not_exist())

        try:
            transact.run(build)
        except TransactWriteError as error:
            if transact.condition_failed(error):
                raise Conflict("An account with this e-mail already exists.", code="email_taken") from error
            raise

    def get(self, customer_id: str) -> Customer | None:
        try:
            item = CustomerItem.get(*keys.customer(customer_id), consistent_read=True)
        except DoesNotExist:
            return None
        return _customer(item)

    def get_by_email(self, email: str) -> Customer | None:
        try:
            pointer = CustomerEmailItem.get(*keys.customer_email(email), consistent_read=True)
        except DoesNotExist:
            return None
        return self.get(pointer.customer_id)


def _customer(item: CustomerItem) -> Customer:
    return Customer(item.id, item.email, item.name, item.password_hash, item.created_at)


# --- staff keys -------------------------------------------------------------------
class DynamoStaffKeys:
    def add(self, key: StaffKey) -> None:
        item = ApiKeyItem(
            *keys.api_key(key.digest),
            id=key.id,
            name=key.name,
            roles=sorted(key.roles),
            created_at=key.created_at,
            created_by=key.created_by,
            GSI1PK=keys.API_KEYS_GSI1PK,
            GSI1SK=key.id,
        )
        try:
            item.save(condition=ApiKeyItem.PK.does_not_exist())
        except Exception as error:  # PutError wraps ConditionalCheckFailed
            if getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException":
                raise Conflict("This API key exists already.") from error
            raise

    def get_by_digest(self, digest: str) -> StaffKey | None:
        try:
            return _staff_key(ApiKeyItem.get(*keys.api_key(digest), consistent_read=True))
        except DoesNotExist:
            return None

    def list(self) -> list[StaffKey]:
        return [_staff_key(i) for i in ApiKeyItem.gsi1.query(keys.API_KEYS_GSI1PK)]

    def revoke(self, key_id: str) -> bool:
        found = list(ApiKeyItem.gsi1.query(keys.API_KEYS_GSI1PK, key_id == ApiKeyItem.GSI1SK))
        for item in found:
            item.delete()
        return bool(found)


def _staff_key(item: ApiKeyItem) -> StaffKey:
    return StaffKey(
        id=item.id,
        digest=item.PK.split("#", 1)[1],
        name=item.name,
        roles=frozenset(item.roles),
        created_at=item.created_at,
        created_by=item.created_by,
    )


# --- categories -------------------------------------------------------------------
class DynamoCategories:
    def add(self, category: Category) -> None:
        item = CategoryItem(
            *keys.category(category.id),
            id=category.id,
            name=category.name,
            slug=category.slug,
            parent_id=category.parent_id,
            path=list(category.path),
            created_at=category.created_at,
            GSI1PK=keys.CATEGORIES_GSI1PK,
            GSI1SK=category.id,
        )
        slug = CategorySlugItem(*keys.category_slug(category.slug), category_id=category.id)

        def build(tw: TransactWrite) -> None:
            tw.save(slug, condition=CategorySlugItem.PK.does_not_exist())
            tw.save(item, condition=CategoryItem.PK.does_not_exist())

        try:
            transact.run(build)
        except TransactWriteError as error:
            if transact.condition_failed(error):
                raise Conflict(f"The slug {category.slug!r} is taken.", code="slug_taken") from error
            raise

    def get(self, category_id: str) -> Category | None:
        try:
            return _category(CategoryItem.get(*keys.category(category_id), consistent_read=True))
        except DoesNotExist:
            return None

    def list_all(self) -> list[Category]:
        return [_category(i) for i in CategoryItem.gsi1.query(keys.CATEGORIES_GSI1PK)]


def _category(item: CategoryItem) -> Category:
    return Category(item.id, item.name, item.slug, item.parent_id, tuple(item.path), item.created_at)


# --- products and SKUs -------------------------------------------------------------
_CATALOG_INDEXES: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "newest": ("GSI1", False, ("PK", "SK", "GSI1PK", "GSI1SK")),
    "price_asc": ("GSI3", True, ("PK", "SK", "GSI3PK", "GSI3SK")),
    "price_desc": ("GSI3", False, ("PK", "SK", "GSI3PK", "GSI3SK")),
    "sales": ("GSI4", False, ("PK", "SK", "GSI4PK", "GSI4SK")),
}
GSI1_KEYS = ("PK", "SK", "GSI1PK", "GSI1SK")
GSI2_KEYS = ("PK", "SK", "GSI2PK", "GSI2SK")
_STATUS_KEYS = GSI2_KEYS
_LEDGER_KEYS = ("PK", "SK")


def _product_index_values(p: Product) -> dict[str, Any]:
    listed = p.status == "listed"
    due = p.next_transition()
    return {
        "GSI1PK": keys.CATALOG_PK if listed else None,
        "GSI1SK": p.id if listed else None,
        "GSI2PK": keys.products_by_status(p.status),
        "GSI2SK": p.id,
        "GSI3PK": keys.CATALOG_PK if listed else None,
        "GSI3SK": p.min_price if listed else None,
        "GSI4PK": keys.CATALOG_PK if listed else None,
        "GSI4SK": p.sales if listed else None,
        "GSI5PK": keys.DUE_LISTING_PK if due else None,
        "GSI5SK": keys.due_sort_key(due, p.id) if due else None,
    }


def _product_values(p: Product) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "description": p.description,
        "category_id": p.category_id,
        "category_path": list(p.category_path),
        "images": list(p.images),
        "attrs": dict(p.attributes),
        "status": p.status,
        "list_at": p.list_at,
        "delist_at": p.delist_at,
        "listed_at": p.listed_at,
        "sku_codes": list(p.sku_codes),
        "min_price": p.min_price,
        "max_price": p.max_price,
        "search_text": p.search_text,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        **_product_index_values(p),
    }


def _product(item: ProductItem) -> Product:
    return Product(
        id=item.id,
        title=item.title,
        description=item.description,
        category_id=item.category_id,
        category_path=tuple(item.category_path),
        images=tuple(item.images or ()),
        attributes=_plain_map(item.attrs),
        status=item.status,
        list_at=item.list_at,
        delist_at=item.delist_at,
        sku_codes=tuple(item.sku_codes),
        min_price=int(item.min_price),
        max_price=int(item.max_price),
        created_at=item.created_at,
        updated_at=item.updated_at,
        sales=int(item.sales or 0),
        listed_at=item.listed_at,
        version=int(item.version or 1),
        search_text=item.search_text,
    )


def _plain_map(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if hasattr(value, "as_dict"):
        return dict(value.as_dict())
    return dict(value)


def _sku_item(sku: Sku, currency: str, on_hand: int, now: datetime) -> SkuItem:
    return SkuItem(
        *keys.sku(sku.product_id, sku.code),
        code=sku.code,
        product_id=sku.product_id,
        specs=dict(sku.specs),
        price=sku.price,
        member_price=sku.member_price,
        cost_price=sku.cost_price,
        weight_grams=sku.weight_grams,
        safety_stock=sku.safety_stock,
        on_hand=on_hand,
        reserved=0,
        available=on_hand,
        currency=currency,
        updated_at=now,
    )


def _sku(item: SkuItem) -> tuple[Sku, StockLevel]:
    sku = Sku(
        code=item.code,
        product_id=item.product_id,
        specs=_plain_map(item.specs),
        price=int(item.price),
        member_price=None if item.member_price is None else int(item.member_price),
        cost_price=None if item.cost_price is None else int(item.cost_price),
        weight_grams=int(item.weight_grams),
        safety_stock=int(item.safety_stock or 0),
    )
    return sku, StockLevel(on_hand=int(item.on_hand), reserved=int(item.reserved))


def _ledger_item(entry: LedgerEntry) -> LedgerItem:
    return LedgerItem(
        *keys.ledger_entry(entry.sku, entry.id),
        id=entry.id,
        sku=entry.sku,
        on_hand_delta=entry.on_hand_delta,
        reserved_delta=entry.reserved_delta,
        reason=entry.reason,
        note=entry.note,
        reference=entry.reference,
        actor=entry.actor,
        at=entry.at,
    )


def _ledger_entry(item: LedgerItem) -> LedgerEntry:
    return LedgerEntry(
        id=item.id,
        sku=item.sku,
        on_hand_delta=int(item.on_hand_delta),
        reserved_delta=int(item.reserved_delta or 0),
        reason=item.reason,
        actor=item.actor,
        at=item.at,
        note=item.note,
        reference=item.reference,
    )


class DynamoProducts:
    def __init__(self, currency: str) -> None:
        self.currency = currency

    def add(self, product: Product, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry]) -> None:
        item = ProductItem(*keys.product(product.id), **_product_values(product))

        def build(tw: TransactWrite) -> None:
            tw.save(item, condition=ProductItem.PK.does_not_exist())
            self._add_skus(tw, skus, stock, entries, product.created_at)

        try:
            transact.run(build)
        except TransactWriteError as error:
            if transact.condition_failed(error):
                self._raise_taken([s.code for s in skus], error)
            raise

    def _add_skus(
        self, tw: TransactWrite, skus: list[Sku], stock: dict[str, int], entries: list[LedgerEntry], now: datetime
    ) -> None:
        for sku in skus:
            tw.save(
                SkuCodeItem(*keys.sku_code(sku.code), product_id=sku.product_id),
                condition=SkuCodeItem.PK.does_not_exist(),
            )
            tw.save(_sku_item(sku, self.currency, stock.get(sku.code, 0), now), condition=SkuItem.PK.does_not_exist())
        for entry in entries:
            tw.save(_ledger_item(entry))

    def _raise_taken(self, codes: list[str], error: Exception) -> None:
        found = SkuCodeItem.batch_get([keys.sku_code(c) for c in codes], consistent_read=True) if codes else []
        taken = sorted(i.PK.split("#", 1)[1] for i in found)
        if taken:
            raise Conflict(
                f"SKU codes already in use: {', '.join(taken)}.", code="sku_code_taken", skus=taken
            ) from error

    def product_id_of(self, code: str) -> str | None:
        return _product_id_of(code)

    def for_lines(self, line_keys: list[tuple[str, str]]) -> dict[str, tuple[Product, Sku, StockLevel]]:
        """Products and SKUs of cart lines in one BatchGetItem, keyed by SKU code."""
        wanted = {keys.product(pid) for pid, _ in line_keys} | {keys.sku(pid, code) for pid, code in line_keys}
        products: dict[str, Product] = {}
        skus: dict[str, tuple[Sku, StockLevel]] = {}
        for item in Item.batch_get(sorted(wanted), consistent_read=True):
            if isinstance(item, ProductItem):
                products[item.id] = _product(item)
            elif isinstance(item, SkuItem):
                skus[item.code] = _sku(item)
        return {
            code: (products[sku.product_id], sku, stock)
            for code, (sku, stock) in skus.items()
            if sku.product_id in products
        }

    def get(self, product_id: str) -> ProductView | None:
        """The product and its SKUs: one strongly consistent Query of its partition."""
        pk, _ = keys.product(product_id)
        product: ProductItem | None = None
        skus: dict[str, tuple[Sku, StockLevel]] = {}
        for item in Item.query(pk, consistent_read=True):
            if isinstance(item, ProductItem):
                product = item
            elif isinstance(item, SkuItem):
                skus[item.code] = _sku(item)
        if product is None:
            return None
        return ProductView(_product(product), [skus[c] for c in product.sku_codes if c in skus])

    def save(
        self,
        product: Product,
        changed_skus: list[Sku],
        new_skus: list[Sku],
        stock: dict[str, int],
        entries: list[LedgerEntry],
    ) -> ProductView:
        values = _product_values(product)
        listed = values.pop("GSI4SK") is not None

        def build(tw: TransactWrite) -> None:
            # Built afresh on every attempt: PynamoDB appends the version increment
            # to the action list it is given.
            actions = [
                getattr(ProductItem, name).remove() if value is None else getattr(ProductItem, name).set(value)
                for name, value in values.items()
            ]
            # The sales sort key copies the stored counter, never the one read earlier,
            # so a concurrent ADD to sales is not undone by this edit.
            actions.append(ProductItem.GSI4SK.set(ProductItem.sales) if listed else ProductItem.GSI4SK.remove())
            target = ProductItem(*keys.product(product.id), version=product.version)
            tw.update(target, actions=actions, condition=ProductItem.PK.exists())
            for sku in changed_skus:
                tw.update(
                    SkuItem(*keys.sku(sku.product_id, sku.code)),
                    actions=[
                        SkuItem.specs.set(dict(sku.specs)),
                        SkuItem.price.set(sku.price),
                        SkuItem.member_price.set(sku.member_price)
                        if sku.member_price is not None
                        else SkuItem.member_price.remove(),
                        SkuItem.cost_price.set(sku.cost_price)
                        if sku.cost_price is not None
                        else SkuItem.cost_price.remove(),
                        SkuItem.weight_grams.set(sku.weight_grams),
                        SkuItem.safety_stock.set(sku.safety_stock),
                        SkuItem.updated_at.set(product.updated_at),
                    ],
                    condition=SkuItem.PK.exists(),
                )
            self._add_skus(tw, new_skus, stock, entries, product.updated_at)

        try:
            transact.run(build)
        except TransactWriteError as error:
            if transact.condition_failed(error):
                self._raise_taken([s.code for s in new_skus], error)
                raise Conflict(
                    "The product changed while you were editing it; read it again and retry.",
                    code="concurrent_update",
                ) from error
            raise
        stored = self.get(product.id)
        if stored is None:  # deleted underneath us
            raise NotFound(f"No product {product.id}.")
        return stored

    def catalog(self, query: CatalogQuery, after: Position | None) -> Page:
        index, forward, attributes = _CATALOG_INDEXES[query.sort]
        now = query.now
        condition = (ProductItem.list_at.does_not_exist() | (ProductItem.list_at <= now)) & (
            ProductItem.delist_at.does_not_exist() | (ProductItem.delist_at > now)
        )
        if query.category_id:
            condition &= ProductItem.category_path.contains(query.category_id)
        if query.keyword:
            condition &= ProductItem.search_text.contains(query.keyword)
        page = _query_page(
            keys.CATALOG_PK, index, attributes, query.limit, after, forward=forward, filter_condition=condition
        )
        return Page([_product(i) for i in page.items], page.next_position)

    def by_status(self, status: str, limit: int, after: Position | None) -> Page:
        page = _query_page(keys.products_by_status(status), "GSI2", _STATUS_KEYS, limit, after, forward=False)
        return Page([_product(i) for i in page.items], page.next_position)

    def due_for_transition(self, now: datetime, limit: int) -> list[Product]:
        upper = keys.due_sort_key(now, "\uffff")
        items = ProductItem.gsi5.query(keys.DUE_LISTING_PK, upper >= ProductItem.GSI5SK, limit=limit)
        # The index is eventually consistent: re-read each product before acting on it.
        fresh = [self.get(i.id) for i in items]
        return [view.product for view in fresh if view is not None]


# --- inventory ------------------------------------------------------------------------
def _product_id_of(code: str) -> str | None:
    """The SKU code's pointer item names the product partition."""
    try:
        return str(SkuCodeItem.get(*keys.sku_code(code), consistent_read=True).product_id)
    except DoesNotExist:
        return None


def level_guarded(condition: Any, between: tuple[int | None, int | None] | None) -> Any:
    """``condition`` and ``available`` still within ``between`` (low, high; None = open)."""
    low, high = between or (None, None)
    if low is not None:
        condition &= SkuItem.available >= low
    if high is not None:
        condition &= SkuItem.available <= high
    return condition


class DynamoInventory:
    """Stock by SKU code."""

    def _product_id(self, code: str) -> str | None:
        return _product_id_of(code)

    def get(self, code: str) -> tuple[Sku, StockLevel] | None:
        product_id = self._product_id(code)
        if product_id is None:
            return None
        try:
            return _sku(SkuItem.get(*keys.sku(product_id, code), consistent_read=True))
        except DoesNotExist:
            return None

    def adjust(
        self,
        entry: LedgerEntry,
        available_between: tuple[int | None, int | None] | None = None,
        events: list[OutboxEvent] | None = None,
    ) -> StockLevel:
        from .orders import _outbox_record  # orders imports this module

        product_id = self._product_id(entry.sku)
        if product_id is None:
            raise NotFound(f"No SKU {entry.sku}.")
        delta = entry.on_hand_delta
        condition = SkuItem.PK.exists()
        if delta < 0:
            condition &= SkuItem.available >= -delta
        condition = level_guarded(condition, available_between)
        low, high = available_between or (None, None)

        def build(tw: TransactWrite) -> None:
            tw.update(
                SkuItem(*keys.sku(product_id, entry.sku)),
                actions=[SkuItem.on_hand.add(delta), SkuItem.available.add(delta), SkuItem.updated_at.set(entry.at)],
                condition=condition,
            )
            tw.save(_ledger_item(entry), condition=LedgerItem.PK.does_not_exist())
            for event in events or []:
                tw.save(_outbox_record(event))

        try:
            transact.run(build)
        except TransactWriteError as error:
            if transact.condition_failed(error):
                current = self.get(entry.sku)
                if current is None:
                    raise NotFound(f"No SKU {entry.sku}.") from error
                available = current[1].available
                if (low is not None and available < low) or (high is not None and available > high):
                    raise Conflict("The stock level changed meanwhile.", code="concurrent_update") from error
                raise InsufficientStock(
                    f"Only {current[1].available} of {entry.sku} available; cannot remove {-delta}.",
                    sku=entry.sku,
                    available=current[1].available,
                ) from error
            raise
        found = self.get(entry.sku)
        assert found is not None
        return found[1]

    def ledger(self, code: str, limit: int, after: Position | None) -> Page:
        page = _query_page(
            keys.ledger_partition(code),
            None,
            _LEDGER_KEYS,
            limit,
            after,
            forward=False,
            range_key_condition=Item.SK.startswith(keys.LEDGER_PREFIX),
        )
        return Page([_ledger_entry(i) for i in page.items], page.next_position)
