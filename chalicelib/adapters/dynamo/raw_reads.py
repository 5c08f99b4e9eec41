"""The hot reads (a product page's Query, a cart's GetItem, the cart view's and
checkout's BatchGetItem) through a low-level botocore client and a light decoder,
instead of PynamoDB's model instantiation and botocore's shape-walking response
parser. The same items, decoded into the same values: each item becomes a ``Row``
that answers the same attribute reads the model would (names, defaults, types,
taken from the PynamoDB models), so the adapters map it with the same functions.

- One client per process and endpoint, built on first use (never per request),
  with the timeouts and retries the models use.
- Successful responses are handed over as the JSON DynamoDB sent (``json.loads``);
  errors go through botocore as before (ClientError, retries, the 503 mapping).
- Scalar attributes (strings, numbers, booleans, dates, string lists, flat maps)
  decode on a fast path; anything else through the PynamoDB attribute itself.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from pynamodb.attributes import (
    Attribute,
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)

from . import lean_http
from .lean_http import LeanTransport
from .models import Item

M = TypeVar("M")
RawItem = dict[str, dict[str, Any]]
BATCH_GET_LIMIT = 100  # keys per BatchGetItem request (DynamoDB's limit)
_RAW = "CommerceRawBody"  # where the before-parse hook leaves the response's JSON


# --- the client ----------------------------------------------------------------------------
_clients: dict[tuple[str, str | None], Any] = {}
_lean: dict[tuple[str, str | None], LeanTransport] = {}
_lock = threading.Lock()


def _keep_body(response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any) -> None:
    """A 200's body as DynamoDB sent it; botocore parses an empty object instead."""
    if response_dict.get("status_code") == 200 and response_dict.get("body"):
        customized_response_dict[_RAW] = json.loads(response_dict["body"])
        response_dict["body"] = b"{}"


def client() -> Any:
    """This process's raw client for the table's endpoint (``models.configure``)."""
    meta = Item.Meta
    key = (meta.region, meta.host)
    found = _clients.get(key)
    if found is not None:
        return found
    with _lock:
        if key not in _clients:
            from botocore.config import Config
            from botocore.session import get_session

            config = Config(
                parameter_validation=False,
                max_pool_connections=meta.max_pool_connections,
                retries={"total_max_attempts": 1 + meta.max_retry_attempts, "mode": "standard"},
                connect_timeout=meta.connect_timeout_seconds,
                read_timeout=meta.read_timeout_seconds,
            )
            session = get_session()
            made = session.create_client("dynamodb", meta.region, endpoint_url=meta.host, config=config)
            made.meta.events.register("before-parse.dynamodb.*", _keep_body)
            _lean[key] = LeanTransport(
                made.meta.endpoint_url,
                meta.region,
                session.get_credentials(),
                (meta.connect_timeout_seconds, meta.read_timeout_seconds),
                meta.max_pool_connections,
            )
            _clients[key] = made
        return _clients[key]


_METHODS = {"GetItem": "get_item", "Query": "query", "BatchGetItem": "batch_get_item"}


def call(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    """One DynamoDB round trip; the response body as sent. (bench/util.py counts these.)
    Through the lean transport (ADR 0030); through botocore when it declines."""
    made = client()
    lean = _lean.get((Item.Meta.region, Item.Meta.host))
    if lean is not None and lean_http.enabled():
        found = lean.send(operation, params)
        if found is not None:
            return found
    response = getattr(made, _METHODS[operation])(**params)
    return cast(dict[str, Any], response.get(_RAW, {}))


# --- decoding ----------------------------------------------------------------------------
class Row:
    """A decoded item: the model's attributes by their Python names, as PynamoDB sets
    them. Strings, numbers, booleans and string lists are decoded at once, absent ones
    set to their default; dates and maps when first read (a cart view never reads a
    SKU's update time)."""

    _raw: RawItem
    _model: _Model

    def __getattr__(self, name: str) -> Any:  # only for attributes not decoded yet
        field = self._model.fields.get(name)
        if field is None:
            raise AttributeError(name)
        attr_name, decode, default = field
        av = self._raw.get(attr_name) or {"NULL": True}
        value = (default() if callable(default) else default) if "NULL" in av else decode(av)
        self.__dict__[name] = value
        return value


class PlainMap(dict[str, Any]):
    """A stored map of scalars, as a dict that also answers MapAttribute's ``as_dict()``."""

    def as_dict(self) -> dict[str, Any]:
        return dict(self)


def _number(av: dict[str, Any]) -> Any:
    text = av["N"]
    try:
        return int(text)
    except ValueError:
        return json.loads(text)  # what NumberAttribute does


def _scalar(av: dict[str, Any]) -> Any:
    """A map member as PynamoDB's raw MapAttribute decodes it; KeyError if not a scalar."""
    if "S" in av:
        return av["S"]
    if "N" in av:
        return _number(av)
    if "BOOL" in av:
        return av["BOOL"]
    raise KeyError("not a scalar")


def _text(av: dict[str, Any]) -> Any:
    return av["S"]


def _boolean(av: dict[str, Any]) -> bool:
    return bool(av["BOOL"])


def _strings(av: dict[str, Any]) -> list[str]:
    return [e["S"] for e in av["L"]]


def _attribute_decoder(attr: Attribute[Any]) -> Callable[[dict[str, Any]], Any]:
    exact = type(attr)
    if exact is UnicodeAttribute:
        return _text
    if exact in (NumberAttribute, VersionAttribute):
        return _number
    if exact is BooleanAttribute:
        return _boolean
    if exact is UTCDateTimeAttribute:
        return lambda av: attr.deserialize(av["S"])
    slow: Callable[[dict[str, Any]], Any] = lambda av: attr.deserialize(attr.get_value(av))  # noqa: E731
    if exact is ListAttribute:
        element = getattr(attr, "element_type", None)
        if element is UnicodeAttribute:
            return _strings
        if isinstance(element, type) and issubclass(element, MapAttribute) and element is not MapAttribute:
            nested = _Model(element)
            return lambda av: [nested.decode(e["M"]) for e in av["L"]]
        return slow
    if exact is MapAttribute:  # a raw map: flat ones on the fast path

        def raw_map(av: dict[str, Any]) -> Any:
            try:
                return PlainMap({k: _scalar(v) for k, v in av["M"].items()})
            except KeyError:
                return slow(av)

        return raw_map
    return slow


_EAGER = (_text, _number, _boolean, _strings)


class _Model:
    def __init__(self, model: type[Any]) -> None:
        # python name -> (stored name, decoder, PynamoDB's default when absent)
        self.fields: dict[str, tuple[str, Callable[[dict[str, Any]], Any], Any]] = {
            name: (attr.attr_name, _attribute_decoder(attr), attr.default)
            for name, attr in model.get_attributes().items()
            if not isinstance(attr, DiscriminatorAttribute)
        }
        # stored name -> (python name, decoder): decoded with the row
        self.eager = {stored: (name, fn) for name, (stored, fn, _) in self.fields.items() if fn in _EAGER}
        # what a row holds before its item is read: the plain defaults of the eager attributes
        self.blank: dict[str, Any] = {"_model": self}
        for name, (_, fn, default) in self.fields.items():
            if fn in _EAGER and not callable(default):
                self.blank[name] = default

    def decode(self, raw: RawItem) -> Row:
        values = self.blank.copy()
        values["_raw"] = raw
        eager = self.eager
        for stored, av in raw.items():
            found = eager.get(stored)
            if found is not None and "NULL" not in av:
                values[found[0]] = found[1](av)
        row = Row()
        row.__dict__ = values
        return row


_models: dict[type[Any], _Model] = {}


def _model(model: type[Any]) -> _Model:
    found = _models.get(model)
    if found is None:
        found = _models[model] = _Model(model)
    return found


_kinds: dict[str, type[Item] | None] = {}


def model_of(raw: RawItem) -> type[Item] | None:
    """The model class an item's ``type`` names, None if none does."""
    kind = raw.get("type", {}).get("S")
    if kind is None:
        return None
    if kind not in _kinds:
        try:
            _kinds[kind] = cast(type[Item], Item.type.deserialize(kind))
        except ValueError:
            _kinds[kind] = None
    return _kinds[kind]


def decode(raw: RawItem, model: type[M]) -> M:
    """The item as ``model`` reads it: a Row standing in for the model instance."""
    return cast(M, _model(model).decode(raw))


# --- the reads ---------------------------------------------------------------------------
def _key(pk: str, sk: str) -> dict[str, dict[str, str]]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


def get_item(pk: str, sk: str) -> RawItem | None:
    found = call("GetItem", {"TableName": Item.Meta.table_name, "Key": _key(pk, sk), "ConsistentRead": True})
    return cast(RawItem | None, found.get("Item"))


def query_partition(pk: str, projected: tuple[str, dict[str, str]] | None = None) -> list[RawItem]:
    """Every item of one partition (``projected``: those attributes of each), strongly
    consistent, page after page."""
    params: dict[str, Any] = {
        "TableName": Item.Meta.table_name,
        "KeyConditionExpression": "#pk = :pk",
        "ExpressionAttributeNames": {"#pk": "PK"},
        "ExpressionAttributeValues": {":pk": {"S": pk}},
        "ConsistentRead": True,
    }
    if projected is not None:
        params["ProjectionExpression"] = projected[0]
        params["ExpressionAttributeNames"] = {**params["ExpressionAttributeNames"], **projected[1]}
    items: list[RawItem] = []
    while True:
        page = call("Query", params)
        items.extend(page.get("Items", ()))
        last = page.get("LastEvaluatedKey")
        if not last:
            return items
        params["ExclusiveStartKey"] = last


def projection(names: Iterable[str]) -> tuple[str, dict[str, str]]:
    """A ProjectionExpression of these attributes, every name through a placeholder."""
    aliases = {f"#p{i}": name for i, name in enumerate(sorted(names))}
    return ", ".join(aliases), aliases


def batch_get(keys: Iterable[tuple[str, str]], projected: tuple[str, dict[str, str]] | None = None) -> list[RawItem]:
    """The items of these keys that exist (in no particular order), strongly consistent;
    100 keys a request, unprocessed keys asked again (as PynamoDB's batch_get does)."""
    table = Item.Meta.table_name
    wanted = [_key(pk, sk) for pk, sk in keys]
    items: list[RawItem] = []
    while wanted:
        request: dict[str, Any] = {"Keys": wanted[:BATCH_GET_LIMIT], "ConsistentRead": True}
        if projected is not None:
            request["ProjectionExpression"], request["ExpressionAttributeNames"] = projected
        wanted = wanted[BATCH_GET_LIMIT:]
        pending: dict[str, Any] | None = {table: request}
        while pending:
            page = call("BatchGetItem", {"RequestItems": pending})
            items.extend(page.get("Responses", {}).get(table, ()))
            pending = page.get("UnprocessedKeys") or None
    return items
