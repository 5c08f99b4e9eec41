"""The cart read-ahead of tests/integration/test_cart_read_ahead.py over real HTTP
against DynamoDB Local, where the reads take the lean transport (ADR 0030); and
that transport answering on its own, or handing an error to botocore."""

import pytest
from botocore.exceptions import ClientError

from chalicelib.adapters.dynamo import raw_reads
from chalicelib.adapters.dynamo.models import Item
from tests.integration.test_cart_read_ahead import *  # noqa: F403
from tests.integration.test_cart_read_ahead import viewed
from tests.integration.test_orders_api import cart_with, shop, shopper
from tests.support import sku_body


def test_product_and_cart_reads_are_answered_without_botocore(api, monkeypatch):
    product = shop(api, sku_body("LEAN-1", price=3000))
    _, h = shopper(api)
    cart_id = cart_with(api, h, ("LEAN-1", 2))

    def refused(**_):
        raise AssertionError("botocore made a hot read")

    made = raw_reads.client()
    for method in ("get_item", "query", "batch_get_item"):
        monkeypatch.setattr(made, method, refused)
    assert api.get(f"/products/{product['id']}").status == 200
    for _ in range(2):
        _, body = viewed(api, cart_id, h)
        assert body["subtotal"]["amount"] == 6000


def test_an_error_answer_goes_through_botocore_and_raises_its_client_error(api, monkeypatch):
    monkeypatch.setattr(Item.Meta, "table_name", "commerce-no-such-table")
    with pytest.raises(ClientError) as raised:
        raw_reads.get_item("PRODUCT#nope", "PRODUCT")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
