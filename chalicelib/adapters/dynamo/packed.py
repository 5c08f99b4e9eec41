"""A JSON attribute stored small (ADR 0029): the order item's body."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import JSONAttribute

PACKED = "~z85:"  # a packed body's prefix (JSON never starts with "~")
PACK_FROM = 700  # characters of JSON from which a body is packed


class PackedJSONAttribute(JSONAttribute):
    """JSON without blanks, packed (zlib, then base85 text) once it is long: the order
    item is rewritten at every step of an order, and each of its bytes is billed in
    the table and again in every index holding it (ADR 0029). Still a string: an item
    written before (plain JSON) reads as it did."""

    def serialize(self, value: Any) -> str | None:
        if value is None:
            return None
        import json

        text = json.dumps(value, separators=(",", ":"))
        if len(text) < PACK_FROM:
            return text
        import base64
        import zlib

        packed = PACKED + base64.b85encode(zlib.compress(text.encode(), 9)).decode("ascii")
        return packed if len(packed) < len(text) else text

    def deserialize(self, value: Any) -> Any:
        import json

        if isinstance(value, str) and value.startswith(PACKED):
            import base64
            import zlib

            return json.loads(zlib.decompress(base64.b85decode(value[len(PACKED) :])))
        return json.loads(value, strict=False)  # as JSONAttribute reads it
