"""The product CSV of `commerce products import` and `export`: parsing and
validation only (no HTTP), so that every rule is tested without an API.

Columns: product_key, title, category_slug, sku, specs, price, stock, weight_grams,
and optionally description and images (image URLs separated by `;`), taken from a
product's first row that has them: a listed product needs both (ADR 0023).
Rows sharing a product_key are one product's SKUs; price is in currency units
(`199.00`), specs are `color=black;size=M`. A row is numbered as in a
spreadsheet: the header is row 1, the first product row is row 2."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

COLUMNS = ("product_key", "title", "category_slug", "sku", "specs", "price", "stock", "weight_grams")
OPTIONAL_COLUMNS = ("description", "images")
MAX_DESCRIPTION = 20_000
MAX_IMAGES = 20
SKU_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# product_key is sent as the product's handle: the API's pattern for it.
HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
MAX_PRICE_MINOR = 10**12
MAX_STOCK = 10_000_000
MAX_WEIGHT = 1_000_000
MAX_SPECS = 20
# ISO 4217 currencies without minor units; every other store currency has two decimals.
ZERO_DECIMAL = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "RWF"})


class CsvFormatError(Exception):
    """The file as a whole cannot be read (no header, missing columns)."""


@dataclass(frozen=True)
class RowError:
    row: int
    error: str


@dataclass(frozen=True)
class SkuRow:
    row: int
    code: str
    specs: dict[str, str]
    price: int  # minor units
    stock: int
    weight_grams: int


@dataclass
class ProductPlan:
    key: str
    title: str
    category_slug: str
    first_row: int
    skus: list[SkuRow] = field(default_factory=list)
    description: str | None = None  # None: not in the file (left as stored)
    images: tuple[str, ...] | None = None

    @property
    def rows(self) -> list[int]:
        return [s.row for s in self.skus]


def decimals(currency: str) -> int:
    return 0 if currency.upper() in ZERO_DECIMAL else 2


def parse_price(text: str, currency: str) -> int:
    """`199.00` -> 19900 minor units (two decimals unless the currency has none)."""
    places = decimals(currency)
    pattern = r"^\d{1,13}$" if places == 0 else rf"^\d{{1,13}}(\.\d{{1,{places}}})?$"
    if not re.match(pattern, text):
        shape = "a whole number" if places == 0 else f"a number with at most {places} decimals, such as 199.00"
        raise ValueError(f"price {text!r} is not {shape}")
    try:
        amount = int(Decimal(text).scaleb(places))
    except InvalidOperation as error:  # pragma: no cover - the pattern rules it out
        raise ValueError(f"price {text!r} is not a number") from error
    if amount > MAX_PRICE_MINOR:
        raise ValueError(f"price {text!r} is too large")
    return amount


def format_price(amount: int, currency: str) -> str:
    places = decimals(currency)
    return str(amount) if places == 0 else f"{Decimal(amount).scaleb(-places):.{places}f}"


def parse_specs(text: str) -> dict[str, str]:
    """`color=black;size=M` -> {"color": "black", "size": "M"}; blank -> {}."""
    specs: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise ValueError(f"specs part {part.strip()!r} is not name=value")
        if len(name) > 50 or len(value) > 500:
            raise ValueError(f"specs {name!r}: names have at most 50 characters, values 500")
        if name in specs:
            raise ValueError(f"specs name {name!r} appears twice")
        specs[name] = value
    if len(specs) > MAX_SPECS:
        raise ValueError(f"at most {MAX_SPECS} specs")
    return specs


def format_specs(specs: dict[str, str]) -> str:
    return ";".join(f"{k}={v}" for k, v in specs.items())


def _whole(text: str, name: str, high: int) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > high:
        raise ValueError(f"{name} {text!r} is not a whole number from 0 to {high}")
    return int(text)


def _row(record: dict[str, str], row: int, currency: str) -> tuple[str, str, str, SkuRow]:
    value = {name: (record.get(name) or "").strip() for name in COLUMNS}
    for name in ("product_key", "title", "category_slug", "sku", "price", "weight_grams"):
        if not value[name]:
            raise ValueError(f"{name} is empty")
    if not HANDLE.match(value["product_key"]):
        raise ValueError(
            f"product_key {value['product_key']!r}: 1 to 100 of A-Z a-z 0-9 . _ : -, starting with a letter or digit"
        )
    if len(value["title"]) > 200:
        raise ValueError("title has at most 200 characters")
    if not SLUG.match(value["category_slug"]):
        raise ValueError(f"category_slug {value['category_slug']!r} is not a slug (lower-case words joined by -)")
    if not SKU_CODE.match(value["sku"]):
        raise ValueError(f"sku {value['sku']!r}: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit")
    sku = SkuRow(
        row=row,
        code=value["sku"],
        specs=parse_specs(value["specs"]),
        price=parse_price(value["price"], currency),
        stock=_whole(value["stock"] or "0", "stock", MAX_STOCK),
        weight_grams=_whole(value["weight_grams"], "weight_grams", MAX_WEIGHT),
    )
    return value["product_key"], value["title"], value["category_slug"], sku


def parse_catalog(text: str, currency: str) -> tuple[list[ProductPlan], list[RowError]]:
    """Products to import (in file order) and the rows refused, with reasons."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CsvFormatError(f"missing column(s): {', '.join(missing)} (expected: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    plans: dict[str, ProductPlan] = {}
    codes: dict[str, int] = {}
    failed: list[RowError] = []
    for index, record in enumerate(reader):
        row = index + 2
        try:
            key, title, slug, sku = _row(record, row, currency)
            if sku.code in codes:
                raise ValueError(f"sku {sku.code} is already on row {codes[sku.code]}")
            plan = plans.get(key)
            if plan is not None and (plan.title, plan.category_slug) != (title, slug):
                raise ValueError(
                    f"title and category_slug differ from row {plan.first_row}, the first of product_key {key!r}"
                )
        except ValueError as error:
            failed.append(RowError(row, str(error)))
            continue
        codes[sku.code] = row
        if plan is None:
            plan = plans[key] = ProductPlan(key, title, slug, row)
        plan.skus.append(sku)
        description, images = _content(record)
        if plan.description is None and description:
            plan.description = description
        if plan.images is None and images:
            plan.images = images
    return list(plans.values()), failed


def _content(record: dict[str, str]) -> tuple[str | None, tuple[str, ...] | None]:
    """A row's optional description and images (not validated here: the API answers for them)."""
    description = (record.get("description") or "").strip()[:MAX_DESCRIPTION] or None
    urls = tuple(u.strip() for u in (record.get("images") or "").split(";") if u.strip())[:MAX_IMAGES]
    return description, urls or None


def export_rows(products: Iterable[dict[str, object]], currency: str) -> str:
    """The CSV of admin product views (GET /admin/products/{id}); product_key is the
    product's handle, or its id when it has none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for product in products:
        skus = product.get("skus")
        for sku in skus if isinstance(skus, list) else []:
            price = sku["price"]
            writer.writerow(
                [
                    product.get("handle") or product["id"],
                    product["title"],
                    product.get("category_slug", ""),
                    sku["code"],
                    format_specs(sku.get("specs") or {}),
                    format_price(int(price["amount"]), str(price.get("currency") or currency)),
                    sku.get("on_hand", 0),
                    sku.get("weight_grams", 0),
                ]
            )
    return out.getvalue()
