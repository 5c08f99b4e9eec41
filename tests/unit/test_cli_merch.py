"""The merchandising commands against a fake API (ADRs 0026 to 0028): promotions
listed with owner and budget, created from a JSON file, their and coupons'
reports, a coupon's budget and owner patched, and a presale order's balance
asked for as the customer with an Idempotency-Key."""

from __future__ import annotations

import json
from typing import Any

from tests.unit.test_cli_surfaces import CNY, RecordingApi, problem, run


class MerchApi(RecordingApi):
    """The recording fake, with PATCH and the idempotency flag of each POST recorded."""

    def __init__(self, answers: dict[tuple[str, str], Any], caller: str = "staff", log: list | None = None) -> None:
        super().__init__(answers, caller, log)
        self.idempotent: list[bool] = []

    def as_customer(self, token: str) -> MerchApi:
        customer = MerchApi(self.answers, f"bearer:{token}", self.calls)
        customer.idempotent = self.idempotent
        return customer

    def post(self, path, body=None, idempotent=False):
        self.idempotent.append(idempotent)
        return super().post(path, body, idempotent)

    def patch(self, path, body):
        return self._answer("PATCH", path, body)


def cny(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": CNY}


PROMOTION = {
    "id": "promo_1",
    "name": "Spring bundle",
    "type": "bundle",
    "state": "running",
    "starts_at": "2026-12-01T00:00:00Z",
    "ends_at": "2026-12-31T00:00:00Z",
    "owner": "ops@example.com",
    "budget": cny(50000),
    "spent": cny(12000),
    "budget_left": cny(38000),
}
REPORT = {
    "promotion_id": "promo_1",
    "owner": "ops@example.com",
    "orders": 3,
    "units": 6,
    "gmv": cny(45000),
    "discount": cny(12000),
    "refunds": {"count": 1, "amount": cny(15000)},
    "as_of": "2026-12-06T10:00:00Z",
    "budget": cny(50000),
    "spent": cny(12000),
    "budget_left": cny(38000),
    "read_at": "2026-12-06T10:05:00Z",
}


def test_promotions_are_listed_with_owner_and_budget_and_created_from_a_json_file(tmp_path):
    body = {"name": "Spring bundle", "type": "bundle", "items": [{"sku": "A", "quantity": 1}], "price": cny(9900)}
    (tmp_path / "bundle.json").write_text(json.dumps(body))
    (tmp_path / "bad.json").write_text("[1, 2]")
    api = MerchApi(
        {
            ("PAGES", "/admin/promotions"): {"items": [PROMOTION]},
            ("POST", "/admin/promotions"): PROMOTION,
        }
    )
    listed = run(["promotions", "list"], api)
    assert listed.exit_code == 0, listed.output
    assert "ops@example.com" in listed.output and "380.00 CNY" in listed.output
    created = run(["promotions", "create", "--file", str(tmp_path / "bundle.json"), "--json"], api)
    assert created.exit_code == 0, created.output
    assert api.calls[-1] == ("staff", "POST", "/admin/promotions", body)
    assert json.loads(created.stdout)["id"] == "promo_1"
    refused = run(["promotions", "create", "--file", str(tmp_path / "bad.json")], api)
    assert refused.exit_code == 2 and "must be a JSON object" in refused.output
    assert len(api.calls) == 2  # nothing was sent for the bad file


def test_a_promotion_report_and_a_coupon_report_print_the_figures_and_an_unknown_one_exits_1():
    api = MerchApi(
        {
            ("GET", "/admin/promotions/promo_1/report"): REPORT,
            ("GET", "/admin/coupons/SPRING10/report"): {**REPORT, "budget": None, "budget_left": None, "owner": None},
            ("GET", "/admin/promotions/promo_x/report"): problem(404, "not_found"),
        }
    )
    shown = run(["promotions", "report", "promo_1"], api)
    assert shown.exit_code == 0, shown.output
    lines = {line.split()[0]: line.split(None, 1)[1] for line in shown.output.splitlines()[1:]}
    assert lines["orders"] == "3" and lines["units"] == "6"
    assert lines["gmv"] == "450.00 CNY" and lines["discount"] == "120.00 CNY"
    assert lines["refunds"] == "1 refund(s), 150.00 CNY" and lines["budget_left"] == "380.00 CNY"
    assert "owner ops@example.com" in shown.output.splitlines()[0]
    coupon = run(["coupons", "report", "SPRING10", "--json"], api)
    assert coupon.exit_code == 0 and json.loads(coupon.stdout)["budget_left"] is None
    missing = run(["promotions", "report", "promo_x"], api)
    assert missing.exit_code == 1 and "not_found" in missing.output


def test_a_coupon_budget_and_owner_are_patched_and_none_removes_them():
    coupon = {"code": "SPRING10", "owner": "crm", "budget": cny(20000), "spent": cny(0), "budget_left": cny(20000)}
    api = MerchApi({("PATCH", "/admin/coupons/SPRING10"): coupon})
    changed = run(["coupons", "set-budget", "SPRING10", "--budget", "200.00 CNY", "--owner", "crm"], api)
    assert changed.exit_code == 0, changed.output
    assert api.calls[-1] == ("staff", "PATCH", "/admin/coupons/SPRING10", {"budget": cny(20000), "owner": "crm"})
    assert "200.00 CNY" in changed.output
    assert run(["coupons", "set-budget", "SPRING10", "--budget", "none"], api).exit_code == 0
    assert api.calls[-1][3] == {"budget": None}
    assert run(["coupons", "set-budget", "SPRING10", "--budget", "150 cny"], api).exit_code == 0
    assert api.calls[-1][3] == {"budget": cny(15000)}
    for bad in (["--budget", "200"], ["--budget", "lots CNY"], []):
        refused = run(["coupons", "set-budget", "SPRING10", *bad], api)
        assert refused.exit_code == 2, (bad, refused.output)
    assert len(api.calls) == 3


def test_a_presale_balance_is_asked_for_as_the_customer_with_an_idempotency_key():
    order = {
        "id": "ord_1",
        "status": "balance_due",
        "payment_status": "deposit_paid",
        "total": cny(50800),
        "presale": {"balance": cny(45800), "balance_ends_at": "2026-12-08T00:00:00Z"},
    }
    payment = {"provider": "stripe", "payment_intent_id": "pi_1", "client_secret": "pi_1_secret_x", "status": "x"}
    api = MerchApi(
        {
            ("POST", "/orders/ord_1/balance-payment"): {"order": order, "payment": payment},
            ("POST", "/orders/ord_2/balance-payment"): problem(409, "balance_window_not_open"),
        }
    )
    paid = run(["orders", "pay-balance", "ord_1", "--token", "tok-9"], api)
    assert paid.exit_code == 0, paid.output
    assert api.calls[-1] == ("bearer:tok-9", "POST", "/orders/ord_1/balance-payment", {})
    assert api.idempotent == [True]
    assert "balance 458.00 CNY" in paid.output and "pi_1_secret_x" in paid.output
    early = run(["orders", "pay-balance", "ord_2"], api, env={"COMMERCE_CUSTOMER_TOKEN": "tok-env"})
    assert early.exit_code == 1 and "balance_window_not_open" in early.output
    assert api.calls[-1][0] == "bearer:tok-env"
    assert run(["orders", "pay-balance", "ord_1"], api, env={"COMMERCE_CUSTOMER_TOKEN": ""}).exit_code == 2


def test_jobs_run_takes_close_unpaid_balances():
    summary = {"job": "close_unpaid_balances", "summary": {"cancelled": 1, "deposits_kept": 1}}
    api = MerchApi({("POST", "/admin/jobs/close_unpaid_balances/runs"): summary})
    ran = run(["jobs", "run", "close_unpaid_balances", "--as-of", "2026-12-09T00:00:00Z"], api)
    assert ran.exit_code == 0 and json.loads(ran.stdout)["summary"]["deposits_kept"] == 1
    assert api.calls[-1][3] == {"as_of": "2026-12-09T00:00:00Z"}
