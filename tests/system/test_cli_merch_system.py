"""The merchandising commands against the real local API, each run as its own
process over HTTP: a bundle created from a JSON file and listed with its owner
and budget, a coupon's budget and owner patched and its report read, and a
presale order's balance asked for with the customer's token (an
Idempotency-Key per call: a second call answers the same PaymentIntent), the
balance paid on localstripe and the promotion's report counting the order."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import boto3

from tests.support import ADMIN, iso, money, sku_body
from tests.system.test_checkout_system import checkout, pay_on_localstripe, shoppers, wait_for
from tests.system.test_cli_import_system import commerce

OPENS_IN = 12  # seconds until the deposit window closes and the balance window opens


def run_json(base_url: str, *args: str):
    done = commerce(base_url, *args, "--json")
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return json.loads(done.stdout)


def test_a_bundle_from_a_file_and_a_coupon_budget_from_the_cli(api, tmp_path):
    category = api.category()["id"]
    api.product(category, skus=[sku_body("CLI-BA", price=4000, stock=5)])
    api.product(category, skus=[sku_body("CLI-BB", price=3000, stock=5)])
    now = datetime.now(UTC)
    window = {"starts_at": iso(now - timedelta(hours=1)), "ends_at": iso(now + timedelta(days=3))}
    body = {
        "name": "CLI bundle",
        "type": "bundle",
        "items": [{"sku": "CLI-BA", "quantity": 1}, {"sku": "CLI-BB", "quantity": 1}],
        "price": money(6000),
        "owner": "merch@example.com",
        "budget": money(20000),
        **window,
    }
    (tmp_path / "bundle.json").write_text(json.dumps(body))
    created = run_json(api.base_url, "promotions", "create", "--file", str(tmp_path / "bundle.json"))
    assert (created["type"], created["owner"], created["budget_left"]) == ("bundle", "merch@example.com", money(20000))
    listed = commerce(api.base_url, "promotions", "list")
    assert listed.returncode == 0 and created["id"] in listed.stdout
    [row] = [p for p in run_json(api.base_url, "promotions", "list") if p["id"] == created["id"]]
    assert (row["name"], row["owner"], row["budget"]) == ("CLI bundle", "merch@example.com", money(20000))
    (tmp_path / "bad.json").write_text(json.dumps({**body, "items": []}))
    refused = commerce(api.base_url, "promotions", "create", "--file", str(tmp_path / "bad.json"))
    assert refused.returncode == 1 and "validation_error" in refused.stderr and "items" in refused.stderr
    report = run_json(api.base_url, "promotions", "report", created["id"])
    assert (report["orders"], report["budget_left"]) == (0, money(20000))

    coupon = {"code": "CLIBUDGET", "amount_off": money(500), **window}
    assert api.post("/admin/coupons", coupon, headers=ADMIN).status == 201
    patched = run_json(api.base_url, "coupons", "set-budget", "clibudget", "--budget", "80.00 CNY", "--owner", "crm")
    assert (patched["budget"], patched["owner"], patched["budget_left"]) == (money(8000), "crm", money(8000))
    shown = commerce(api.base_url, "coupons", "report", "CLIBUDGET")
    assert shown.returncode == 0, shown.stderr
    assert "budget_left  80.00 CNY" in shown.stdout and "owner crm" in shown.stdout
    removed = run_json(api.base_url, "coupons", "set-budget", "CLIBUDGET", "--budget", "none")
    assert removed["budget"] is None and removed["owner"] == "crm"


def test_a_presale_balance_is_asked_for_from_the_cli_and_paid(api, stack):
    from app import app
    from localdev.runner import EventRunner

    start = datetime.now(UTC).replace(microsecond=0)
    opens = start + timedelta(seconds=OPENS_IN)
    api.product(api.category()["id"], skus=[sku_body("CLI-PRE", price=30000, stock=3)])
    promotion = {
        "name": "CLI presale",
        "type": "presale",
        "sku": "CLI-PRE",
        "price": money(25000),
        "deposit": money(2000),
        "deposit_value": money(5000),
        "starts_at": iso(start - timedelta(hours=1)),
        "ends_at": iso(opens),
        "balance_starts_at": iso(opens),
        "balance_ends_at": iso(opens + timedelta(minutes=30)),
    }
    created = api.post("/admin/promotions", promotion, headers=ADMIN)
    assert created.status == 201, created.body
    [(_, token, cart_id)] = shoppers(1, "CLI-PRE")
    placed = checkout(api.base_url, token, cart_id).json()
    order_id = placed["order"]["id"]
    stripe_base = f"http://127.0.0.1:{stack.config.stripe_port}"
    pay_on_localstripe(stripe_base, placed["payment"]["payment_intent_id"])
    me = {"Authorization": f"Bearer {token}"}
    wait_for(lambda: api.get(f"/orders/{order_id}", headers=me).body["status"] == "balance_due")

    early = commerce(api.base_url, "orders", "pay-balance", order_id, "--token", token)
    if datetime.now(UTC) < opens - timedelta(seconds=1):
        assert early.returncode == 1 and "balance_window_not_open" in early.stderr, early.stderr
    time.sleep(max(0.0, (opens - datetime.now(UTC)).total_seconds()) + 1)
    asked = run_json(api.base_url, "orders", "pay-balance", order_id, "--token", token)
    again = run_json(api.base_url, "orders", "pay-balance", order_id, "--token", token)  # another key
    assert asked["payment"]["payment_intent_id"] == again["payment"]["payment_intent_id"]
    assert asked["order"]["presale"]["balance"]["amount"] == 20000 + asked["order"]["shipping"]["amount"]
    table = commerce(api.base_url, "orders", "pay-balance", order_id, "--token", token)
    assert table.returncode == 0 and asked["payment"]["client_secret"] in table.stdout
    assert commerce(api.base_url, "orders", "pay-balance", order_id).returncode == 2  # no customer token

    sqs = boto3.client("sqs", endpoint_url=f"http://127.0.0.1:{stack.config.moto_port}", region_name="us-east-1")
    runner = EventRunner(app, "us-east-1", sqs)
    runner.schedules = []
    runner.start()
    try:
        pay_on_localstripe(stripe_base, asked["payment"]["payment_intent_id"])
        wait_for(lambda: api.get(f"/orders/{order_id}", headers=me).body["payment_status"] == "paid", timeout=30)
        promotion_id = created.body["id"]
        wait_for(lambda: run_json(api.base_url, "promotions", "report", promotion_id)["orders"] == 1, timeout=30)
    finally:
        runner.stop()
    report = run_json(api.base_url, "promotions", "report", promotion_id)
    assert (report["units"], report["discount"]) == (1, money(3000))
