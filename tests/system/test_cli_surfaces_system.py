"""The admin CLI's later commands against the real local API, each run as its own
process over HTTP (as an operator runs them): a media upload through the local
S3 (a picture off the specification exits 1 listing each failure, a square one
is ready), a content slot set and read as shoppers see it, a purchase order
drafted, ordered and received (the stock goes up; the same receipt again adds
nothing), a cycle count, stock shards, a coupon claimed into a customer's
wallet with the customer's token, the KPI report, experiments and a product's
history."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from tests.support import ADMIN, iso, sku_body
from tests.system.test_cli_import_system import commerce
from tests.unit import media_bytes


def run_json(base_url: str, *args: str):
    done = commerce(base_url, *args, "--json")
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return json.loads(done.stdout)


def test_media_upload_goes_through_the_presigned_url_and_a_picture_off_the_spec_lists_its_failures(api, tmp_path):
    wide = tmp_path / "wide.png"
    wide.write_bytes(media_bytes.png(1200, 900))
    refused = commerce(api.base_url, "media", "upload", str(wide), "--role", "main")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "media_spec" in refused.stderr and "a main image is square, not 1200x900" in refused.stderr
    square = tmp_path / "square.png"
    square.write_bytes(media_bytes.png(1000, 1000))
    ready = run_json(api.base_url, "media", "upload", str(square), "--role", "main")
    assert (ready["status"], ready["width"], ready["height"]) == ("ready", 1000, 1000)
    assert run_json(api.base_url, "media", "show", ready["id"])["status"] == "ready"


def test_a_slot_set_from_the_cli_is_what_shoppers_see(api):
    item = "title=Winter sale,image=https://img.example/w.png,link=/demo/#/,position=2"
    stored = run_json(api.base_url, "slots", "set", "home", "--item", item)
    assert stored["version"] == 1 and stored["items"][0]["position"] == 2
    public = run_json(api.base_url, "slots", "show", "home", "--public")
    assert [(i["title"], i["image"], i["link"]) for i in public["items"]] == [
        ("Winter sale", "https://img.example/w.png", "/demo/#/")
    ]
    assert commerce(api.base_url, "slots", "set", "home", "--item", "image=https://img.example/x.png").returncode == 2


def test_purchasing_counts_and_shards_from_the_cli(api):
    product = api.product(api.category()["id"], skus=[sku_body("CLI-PO", price=5000, stock=10)])
    supplier = run_json(api.base_url, "suppliers", "create", "Hangzhou Mill", "--lead-time-days", "9")
    draft = run_json(api.base_url, "po", "create", "--supplier", supplier["id"], "--line", "CLI-PO:20:1500")
    assert (draft["status"], draft["total"]) == ("draft", 30000)
    assert run_json(api.base_url, "po", "submit", draft["id"])["status"] == "ordered"
    receive = ("po", "receive", draft["id"], "--receipt-id", "dock-7", "--line", "CLI-PO:5")
    first = run_json(api.base_url, *receive)
    assert first["replayed"] is False and first["purchase_order"]["status"] == "partially_received"
    assert run_json(api.base_url, *receive)["replayed"] is True
    assert api.get("/admin/inventory/CLI-PO", headers=ADMIN).body["on_hand"] == 15
    listed = run_json(api.base_url, "po", "list", "--status", "partially_received")
    assert [po["id"] for po in listed] == [draft["id"]]

    sheet = run_json(api.base_url, "counts", "create", "--sku", "CLI-PO")
    assert [line["sku"] for line in sheet["lines"]] == ["CLI-PO"]
    counted = run_json(api.base_url, "counts", "submit", sheet["id"], "--line", "CLI-PO:14")
    assert counted["variance"]["net_units"] == -1
    assert api.get("/admin/inventory/CLI-PO", headers=ADMIN).body["on_hand"] == 14

    levels = run_json(api.base_url, "shards", "set", "CLI-PO", "4")
    assert levels["stock_shards"] == 4 and sum(s["available"] for s in levels["shards"]) == levels["available"] == 14
    assert run_json(api.base_url, "shards", "rebalance")["summary"]["skus"] >= 1
    history = run_json(api.base_url, "products", "history", product["id"])
    assert "created" in [entry["action"] for entry in history]


def test_a_coupon_is_claimed_into_a_wallet_with_the_customers_token_and_the_reports_read(api):
    code = f"CLI{uuid.uuid4().hex[:6].upper()}"
    now = datetime.now(UTC)
    coupon = {
        "code": code,
        "starts_at": iso(now - timedelta(hours=1)),
        "ends_at": iso(now + timedelta(days=7)),
        "amount_off": {"amount": 500, "currency": "CNY"},
        "claimable": True,
        "claim_limit": 3,
    }
    assert api.post("/admin/coupons", coupon, headers=ADMIN).status == 201
    _, token = api.customer(f"cli-{uuid.uuid4().hex[:8]}@example.com")
    claimed = run_json(api.base_url, "coupons", "claim", code, "--token", token)
    assert (claimed["code"], claimed["status"], claimed["source"]) == (code, "usable", "claim")
    again = commerce(api.base_url, "coupons", "claim", code, "--token", token)
    assert again.returncode == 1 and "coupon_already_claimed" in again.stderr
    assert [e["code"] for e in run_json(api.base_url, "coupons", "wallet", "--token", token)] == [code]

    report = run_json(api.base_url, "kpis", "show", "--granularity", "week")
    assert report["granularity"] == "week" and report["items"]
    assert run_json(api.base_url, "experiments", "list") == []
    assert run_json(api.base_url, "reviews", "list", "--status", "held") == []
