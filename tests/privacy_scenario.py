"""A customer with personal data everywhere it can be, shared by the integration
(moto) and system (DynamoDB Local) tests of ``DELETE /me``: distinctive values, so a
scan of the whole table can tell whether any is left."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support import ADMIN


@dataclass
class Person:
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def email(self) -> str:
        return f"zhuang.xiaoyu.{self.tag}@example.com"

    @property
    def name(self) -> str:
        return f"Zhuang Xiaoyu {self.tag}"

    phone: str = "13912345678"
    phone_e164: str = "+8613912345678"
    birthday: str = "1987-03-14"

    @property
    def line1(self) -> str:
        return f"77 Wutong Lane {self.tag}"

    @property
    def secrets(self) -> list[str]:
        """What must be nowhere once erased (the phone also without +86)."""
        return [self.email, self.name, self.phone, self.birthday, self.line1, f"Wutong {self.tag}"]

    def address(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "phone": self.phone,
            "province": "Sichuan",
            "city": "Chengdu",
            "line1": self.line1,
            "line2": f"Wutong {self.tag} flat 3",
            "postal_code": "610000",
        }


def set_up_profile(api: Any, person: Person) -> dict[str, str]:
    """Registered, profile filled in, one address (the default): the bearer headers."""
    r = api.post("/auth/register", {"email": person.email, "password": "correct horse", "name": person.name})
    assert r.status == 201, r.body
    me = {"Authorization": f"Bearer {r.body['access_token']}"}
    body = {"phone": person.phone, "birthday": person.birthday, "marketing_consent": True, "locale": "en"}
    assert api.patch("/me", body, headers=me).status == 200
    assert api.post("/me/addresses", person.address(), headers=me).status == 201
    return me


def open_ticket_with_compensation(api: Any, me: dict[str, str], person: Person, order_id: str) -> str:
    """A ticket whose subject and messages quote the person; a wallet coupon granted on it."""
    body = {"category": "complaint", "subject": f"For {person.name}", "body": f"Call {person.phone_e164} please"}
    ticket = api.post("/me/tickets", {**body, "order_id": order_id}, headers=me)
    assert ticket.status == 201, ticket.body
    ticket_id = ticket.body["id"]
    more = api.post(f"/me/tickets/{ticket_id}/messages", {"body": f"I live at {person.line1}"}, headers=me)
    assert more.status in (200, 201), more.body
    url = f"/admin/tickets/{ticket_id}/compensate"
    granted = api.post(url, {"amount": 500, "reason": "late"}, headers={**ADMIN, "Idempotency-Key": ticket_id})
    assert granted.status == 201, granted.body
    return str(granted.body["coupon"]["code"])


def _unpacked(value: Any) -> Any:
    """A packed attribute (the order's body, ADR 0029) as the JSON it holds, so that a
    scan finds what compression would hide."""
    from chalicelib.adapters.dynamo.packed import PACKED, PackedJSONAttribute

    if isinstance(value, str) and value.startswith(PACKED):
        return PackedJSONAttribute().deserialize(value)
    return value


def leftovers(items: list[dict[str, Any]], person: Person) -> list[tuple[str, str, str]]:
    """(PK, SK, secret) for every item that still holds one of the person's values
    (packed attributes read unpacked)."""
    found = []
    for item in items:
        plain = {key: _unpacked(value) for key, value in item.items()}
        text = json.dumps(plain, default=str, ensure_ascii=False).casefold()
        for secret in person.secrets:
            if secret.casefold() in text:
                found.append((str(item.get("PK")), str(item.get("SK")), secret))
    return found


def scan_all(scan: Callable[..., dict[str, Any]], table: str) -> list[dict[str, Any]]:
    """Every item of the table, as plain values (boto3's resource-less client)."""
    from boto3.dynamodb.types import TypeDeserializer

    plain = TypeDeserializer()
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {"TableName": table, "ConsistentRead": True}
    while True:
        page = scan(**kwargs)
        items += [{k: plain.deserialize(v) for k, v in raw.items()} for raw in page.get("Items", [])]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
