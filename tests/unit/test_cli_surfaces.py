"""The commands of the later routes (coupon wallet, reviews, KPIs, experiments,
purchasing, cycle counts, stock shards, media, content slots, product history)
against a fake API: what each sends (method, path, body, as whom) and prints."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from commerce_cli.client import ApiError
from commerce_cli.main import app
from commerce_cli.state import State

runner = CliRunner()
CNY = "CNY"


def problem(status: int, code: str, **extra: Any) -> ApiError:
    return ApiError(status, {"status": status, "code": code, "detail": code.replace("_", " "), **extra})


class RecordingApi:
    """Answers from ``answers`` keyed by (method, path); records every call with the caller
    (``staff`` or ``bearer:<token>``). An answer that is an ApiError is raised."""

    def __init__(self, answers: dict[tuple[str, str], Any], caller: str = "staff", log: list | None = None) -> None:
        self.answers = answers
        self.caller = caller
        self.calls: list[tuple[str, str, str, Any]] = [] if log is None else log
        self.uploads: list[tuple[str, bytes, dict[str, str]]] = []

    def as_customer(self, token: str) -> RecordingApi:
        return RecordingApi(self.answers, f"bearer:{token}", self.calls)

    def _answer(self, method: str, path: str, payload: Any) -> Any:
        self.calls.append((self.caller, method, path, payload))
        answer = self.answers[(method, path)]
        if isinstance(answer, ApiError):
            raise answer
        return answer

    def get(self, path, params=None):
        return self._answer("GET", path, params)

    def pages(self, path, params=None, limit=None):
        return iter(self._answer("PAGES", path, params)["items"][:limit])

    def post(self, path, body=None, idempotent=False):
        return self._answer("POST", path, {} if body is None else body)

    def put(self, path, body):
        return self._answer("PUT", path, body)

    def send(self, method, path, body=None, params=None, idempotent=False):
        return type("Response", (), {"text": self._answer("SEND", path, params)})()

    def upload(self, url, data, headers):
        self.uploads.append((url, data, headers))


def run(args, api, env=None):
    environment = {"COLUMNS": "250", **(env or {})}
    return runner.invoke(app, ["--api-key", "k", *args], obj=State(connect=lambda target: api), env=environment)


WALLET_ENTRY = {
    "id": "SPRING10",
    "code": "SPRING10",
    "status": "usable",
    "source": "claim",
    "amount_off": {"amount": 1000, "currency": CNY},
    "ends_at": "2026-12-31T00:00:00Z",
}


def test_a_claim_and_the_wallet_are_called_as_the_customer_and_a_second_claim_exits_1():
    api = RecordingApi(
        {
            ("POST", "/coupons/SPRING10/claim"): WALLET_ENTRY,
            ("POST", "/coupons/GONE/claim"): problem(409, "claims_exhausted"),
            ("PAGES", "/me/coupons"): {"items": [WALLET_ENTRY, {**WALLET_ENTRY, "id": "OLD", "status": "used"}]},
        }
    )
    claimed = run(["coupons", "claim", "SPRING10", "--token", "tok-1"], api)
    assert claimed.exit_code == 0, claimed.output
    assert "SPRING10" in claimed.output and "10.00 CNY" in claimed.output
    assert api.calls[-1] == ("bearer:tok-1", "POST", "/coupons/SPRING10/claim", {})
    exhausted = run(["coupons", "claim", "GONE", "--token", "tok-1"], api)
    assert exhausted.exit_code == 1 and "claims_exhausted" in exhausted.output
    wallet = run(["coupons", "wallet", "--status", "usable", "--json"], api, env={"COMMERCE_CUSTOMER_TOKEN": "tok-2"})
    assert [e["id"] for e in json.loads(wallet.stdout)] == ["SPRING10", "OLD"]
    assert api.calls[-1] == ("bearer:tok-2", "PAGES", "/me/coupons", {"status": "usable"})
    no_token = run(["coupons", "wallet"], api, env={"COMMERCE_CUSTOMER_TOKEN": ""})
    assert no_token.exit_code == 2 and "--token" in no_token.output


def test_a_grant_names_customers_or_a_segment_and_its_progress_is_read_back():
    job = {"id": "grant_1", "code": "SPRING10", "status": "running", "targeted": 2, "granted": 0, "batches": 1}
    api = RecordingApi(
        {
            ("POST", "/admin/coupons/SPRING10/grants"): job,
            ("GET", "/admin/coupons/SPRING10/grants/grant_1"): {**job, "status": "done", "granted": 2},
        }
    )
    result = run(["coupons", "grant", "SPRING10", "--customer", "cus_1", "--customer", "cus_2"], api)
    assert result.exit_code == 0 and "grant_1" in result.output
    assert api.calls[-1] == ("staff", "POST", "/admin/coupons/SPRING10/grants", {"customer_ids": ["cus_1", "cus_2"]})
    run(["coupons", "grant", "SPRING10", "--segment", "loyal"], api)
    assert api.calls[-1][3] == {"customer_ids": [], "segment": "loyal"}
    assert run(["coupons", "grant", "SPRING10"], api).exit_code == 2
    done = run(["coupons", "grant-status", "SPRING10", "grant_1", "--json"], api)
    assert json.loads(done.stdout)["status"] == "done"


REVIEW = {
    "id": "rev_1",
    "order_id": "ord_1",
    "status": "held",
    "author": "S***r",
    "service_rating": 1,
    "items": [{"sku": "TEE-M", "title": "Tee", "rating": 1, "text": "rubbish"}],
    "reply": None,
}


def test_review_moderation_lists_the_queue_then_replies_hides_and_publishes():
    replied = {**REVIEW, "reply": {"body": "Sorry to hear it", "created_at": "2026-12-06T10:00:00Z"}}
    api = RecordingApi(
        {
            ("PAGES", "/admin/reviews"): {"items": [REVIEW]},
            ("GET", "/admin/reviews/rev_1"): REVIEW,
            ("POST", "/admin/reviews/rev_1/reply"): replied,
            ("POST", "/admin/reviews/rev_1/hide"): {**replied, "status": "hidden"},
            ("POST", "/admin/reviews/rev_1/publish"): problem(409, "invalid_transition"),
        }
    )
    queue = run(["reviews", "list", "--status", "held"], api)
    assert queue.exit_code == 0 and "rev_1" in queue.output
    assert api.calls[-1] == ("staff", "PAGES", "/admin/reviews", {"status": "held"})
    shown = run(["reviews", "show", "rev_1"], api)
    assert "rubbish" in shown.output and "TEE-M" in shown.output
    reply = run(["reviews", "reply", "rev_1", "Sorry to hear it"], api)
    assert reply.exit_code == 0 and "Sorry to hear it" in reply.output
    assert api.calls[-1][2:] == ("/admin/reviews/rev_1/reply", {"body": "Sorry to hear it"})
    hidden = run(["reviews", "hide", "rev_1", "--reason", "abusive", "--json"], api)
    assert json.loads(hidden.stdout)["status"] == "hidden"
    assert api.calls[-1][3] == {"reason": "abusive"}
    assert run(["reviews", "hide", "rev_1"], api).exit_code == 2
    again = run(["reviews", "publish", "rev_1"], api)
    assert again.exit_code == 1 and "invalid_transition" in again.output


def test_kpis_show_a_range_as_a_table_json_or_csv(tmp_path):
    row = {
        "period": "2026-W49",
        "uv": 30,
        "orders": 3,
        "conversion_rate": 0.1,
        "gmv": {"amount": 30000, "currency": CNY},
    }
    report = {"from": "2026-12-01", "to": "2026-12-07", "granularity": "week", "items": [row]}
    csv_text = "period,from,to,uv\r\n2026-W49,2026-12-01,2026-12-07,30\r\n"
    api = RecordingApi({("GET", "/admin/reports/kpis"): report, ("SEND", "/admin/reports/kpis"): csv_text})
    result = run(["kpis", "show", "--from", "2026-12-01", "--to", "2026-12-07", "--granularity", "week"], api)
    assert result.exit_code == 0, result.output
    assert "2026-W49" in result.output and "300.00 CNY" in result.output
    assert api.calls[-1][3] == {"from": "2026-12-01", "to": "2026-12-07", "granularity": "week"}
    assert json.loads(run(["kpis", "show", "--json"], api).stdout)["items"][0]["uv"] == 30
    assert api.calls[-1][3] == {"granularity": "day"}
    target = tmp_path / "kpis.csv"
    assert run(["kpis", "show", "--csv", "-o", str(target)], api).exit_code == 0
    assert target.read_bytes() == csv_text.encode() and api.calls[-1][3]["format"] == "csv"


def test_experiments_are_listed_shown_and_their_results_flag_a_sample_ratio_mismatch():
    experiment = {"id": "exp_1", "name": "Cheaper tee", "kind": "price", "status": "running"}
    experiment["variants"] = [{"key": "control", "weight": 50}, {"key": "cheap", "weight": 50}]
    variants = [
        {"key": "control", "weight": 50, "exposures": 900, "orders": 9, "conversion_rate": 0.01},
        {"key": "cheap", "weight": 50, "exposures": 100, "orders": 3, "conversion_rate": 0.03},
    ]
    results = {"experiment_id": "exp_1", "status": "running", "variants": variants}
    api = RecordingApi(
        {
            ("GET", "/admin/experiments"): {"items": [experiment]},
            ("GET", "/admin/experiments/exp_1"): experiment,
            ("GET", "/admin/experiments/exp_1/results"): {**results, "chi_square": 640.0, "p_value": 0.0, "srm": True},
            ("GET", "/admin/experiments/exp_x"): problem(404, "not_found"),
        }
    )
    assert "Cheaper tee" in run(["experiments", "list"], api).output
    shown = run(["experiments", "show", "exp_1"], api)
    assert "cheap" in shown.output and "control" in shown.output
    checked = run(["experiments", "results", "exp_1"], api)
    assert checked.exit_code == 0 and "900" in checked.output and "SAMPLE RATIO MISMATCH" in checked.output
    assert run(["experiments", "show", "exp_x"], api).exit_code == 1


PO = {
    "id": "po_1",
    "supplier_id": "sup_1",
    "status": "draft",
    "lines": [{"sku": "TEE-M", "quantity": 10, "unit_cost": 1200, "received": 0}],
}


def test_a_purchase_order_is_drafted_submitted_and_received_with_its_lines_parsed():
    receipt = {
        "receipt_id": "dlv-1",
        "replayed": False,
        "purchase_order": {**PO, "status": "partially_received", "lines": [{**PO["lines"][0], "received": 4}]},
    }
    api = RecordingApi(
        {
            ("POST", "/admin/suppliers"): {"id": "sup_1", "name": "Mill", "lead_time_days": 7},
            ("POST", "/admin/purchase-orders"): PO,
            ("POST", "/admin/purchase-orders/po_1/order"): {**PO, "status": "ordered"},
            ("POST", "/admin/purchase-orders/po_1/receipts"): receipt,
            ("PAGES", "/admin/purchase-orders"): {"items": [PO]},
        }
    )
    supplier = run(["suppliers", "create", "Mill", "--lead-time-days", "7", "--email", "a@mill.example"], api)
    assert supplier.exit_code == 0 and "sup_1" in supplier.output
    assert api.calls[-1][3] == {"name": "Mill", "lead_time_days": 7, "contact": {"email": "a@mill.example"}}
    created = run(["po", "create", "--supplier", "sup_1", "--line", "TEE-M:10:1200", "--line", "CUP:2:300"], api)
    assert created.exit_code == 0, created.output
    assert api.calls[-1][3] == {
        "supplier_id": "sup_1",
        "lines": [{"sku": "TEE-M", "quantity": 10, "unit_cost": 1200}, {"sku": "CUP", "quantity": 2, "unit_cost": 300}],
    }
    bad = run(["po", "create", "--supplier", "sup_1", "--line", "TEE-M:ten:1200"], api)
    assert bad.exit_code == 2 and "SKU:QUANTITY:UNIT_COST" in bad.output
    assert "ordered" in run(["po", "submit", "po_1", "--reason", "weekly"], api).output
    assert api.calls[-1][2:] == ("/admin/purchase-orders/po_1/order", {"reason": "weekly"})
    received = run(["po", "receive", "po_1", "--receipt-id", "dlv-1", "--line", "TEE-M:4"], api)
    assert received.exit_code == 0 and "partially_received" in received.output and "recorded" in received.output
    assert api.calls[-1][3] == {"receipt_id": "dlv-1", "lines": [{"sku": "TEE-M", "quantity": 4}]}
    run(["po", "list", "--status", "ordered"], api)
    assert api.calls[-1][3] == {"status": "ordered"}


def test_a_cycle_count_sheet_is_opened_by_class_and_submitted():
    sheet = {"id": "cc_1", "status": "open", "abc_class": "A", "lines": [{"sku": "TEE-M", "expected": 10}]}
    counted = {**sheet, "status": "submitted", "lines": [{"sku": "TEE-M", "expected": 10, "counted": 9}]}
    counted["variance"] = {"expected_units": 10, "absolute_units": 1, "net_units": -1, "pct": 10.0}
    api = RecordingApi(
        {
            ("POST", "/admin/cycle-counts"): sheet,
            ("POST", "/admin/cycle-counts/cc_1/results"): counted,
            ("GET", "/admin/cycle-counts/report"): {
                "target_pct": 1.0,
                "sheets": 1,
                "overall": counted["variance"],
                "by_class": {"A": counted["variance"]},
            },
        }
    )
    assert run(["counts", "create", "--class", "A"], api).exit_code == 0
    assert api.calls[-1][3] == {"abc_class": "A"}
    assert run(["counts", "create"], api).exit_code == 2
    assert run(["counts", "create", "--sku", "TEE-M", "--class", "A"], api).exit_code == 2
    submitted = run(["counts", "submit", "cc_1", "--line", "TEE-M:9"], api)
    assert submitted.exit_code == 0 and "-1" in submitted.output
    assert api.calls[-1][3] == {"lines": [{"sku": "TEE-M", "counted": 9}]}
    report = run(["counts", "report"], api)
    assert "target 1.0 %" in report.output and "10.0" in report.output


def test_shards_are_set_with_a_put_and_rebalanced_by_the_job():
    levels = {"sku": "HOT-1", "stock_shards": 4, "available": 400, "shards": [{"shard": 0, "available": 100}]}
    api = RecordingApi(
        {
            ("PUT", "/admin/inventory/HOT-1/shards"): levels,
            ("POST", "/admin/jobs/rebalance_stock_shards/runs"): {
                "job": "rebalance_stock_shards",
                "summary": {"skus": 1, "units_moved": 3, "busy": 0},
            },
        }
    )
    result = run(["shards", "set", "HOT-1", "4"], api)
    assert result.exit_code == 0 and "400" in result.output
    assert api.calls[-1] == ("staff", "PUT", "/admin/inventory/HOT-1/shards", {"count": 4})
    assert run(["shards", "set", "HOT-1", "33"], api).exit_code == 2
    assert json.loads(run(["shards", "rebalance"], api).stdout)["summary"]["units_moved"] == 3


def test_media_upload_announces_puts_the_bytes_then_completes_and_prints_each_spec_failure(tmp_path):
    photo = tmp_path / "tee.png"
    photo.write_bytes(b"\x89PNG fake bytes")
    pending = {"id": "med_1", "status": "pending"}
    pending["upload"] = {"url": "http://s3.local/put?sig=1", "method": "PUT", "headers": {"Content-Type": "image/png"}}
    rejected = problem(
        422,
        "media_spec",
        errors=[
            {"field": "file", "code": "media_spec", "message": "1200x900 is under 1000x1000"},
            {"field": "file", "code": "media_spec", "message": "a main image is square, not 1200x900"},
        ],
    )
    api = RecordingApi({("POST", "/admin/media"): pending, ("POST", "/admin/media/med_1/complete"): rejected})
    result = run(["media", "upload", str(photo), "--role", "main"], api)
    assert api.calls[0][2:] == ("/admin/media", {"kind": "main", "content_type": "image/png", "size": 15})
    assert api.uploads == [("http://s3.local/put?sig=1", b"\x89PNG fake bytes", {"Content-Type": "image/png"})]
    assert result.exit_code == 1
    assert "1200x900 is under 1000x1000" in result.output and "a main image is square" in result.output
    assert "med_1" in result.output
    api.answers[("POST", "/admin/media/med_1/complete")] = {**pending, "status": "ready", "width": 1200}
    ready = run(["media", "upload", str(photo)], api)
    assert ready.exit_code == 0 and "ready" in ready.output
    odd = tmp_path / "notes.txt"
    odd.write_text("x")
    assert run(["media", "upload", str(odd)], api).exit_code == 2


def test_a_slot_is_replaced_from_items_or_a_file_and_read_as_stored_or_public(tmp_path):
    stored = {"slot": "home", "items": [{"title": "Winter sale", "image": "/img/w.png", "position": 1}], "version": 2}
    api = RecordingApi(
        {
            ("PUT", "/admin/content/slots/home"): stored,
            ("GET", "/admin/content/slots/home"): stored,
            ("GET", "/content/slots/home"): {"slot": "home", "items": stored["items"]},
        }
    )
    result = run(["slots", "set", "home", "--item", "title=Winter sale,image=/img/w.png,link=/#/,position=1"], api)
    assert result.exit_code == 0 and "Winter sale" in result.output and "version 2" in result.output
    item = {"title": "Winter sale", "image": "/img/w.png", "link": "/#/", "position": 1}
    assert api.calls[-1][2:] == ("/admin/content/slots/home", {"items": [item]})
    body = tmp_path / "slot.json"
    body.write_text(json.dumps({"items": [{"title": "From a file", "media_id": "med_1"}]}))
    run(["slots", "set", "home", "--file", str(body)], api)
    assert api.calls[-1][3] == {"items": [{"title": "From a file", "media_id": "med_1"}]}
    assert run(["slots", "set", "home", "--item", "image=/x.png"], api).exit_code == 2
    run(["slots", "show", "home", "--public"], api)
    assert api.calls[-1][2] == "/content/slots/home"
    assert json.loads(run(["slots", "show", "home", "--json"], api).stdout)["version"] == 2


def test_product_history_lists_the_entries_newest_first():
    entries = [{"at": "2026-12-06T10:00:00Z", "action": "delisted", "actor": "staff:key_1", "details": {"reason": "x"}}]
    api = RecordingApi({("PAGES", "/admin/products/prod_1/history"): {"items": entries}})
    result = run(["products", "history", "prod_1"], api)
    assert result.exit_code == 0 and "delisted" in result.output and "staff:key_1" in result.output


class CapturingSession:
    def __init__(self, status: int = 201) -> None:
        self.status = status
        self.sent: list[tuple[str, str, dict[str, str], Any]] = []

    def _response(self):
        return type("Response", (), {"status_code": self.status, "content": b"", "headers": {}, "text": "denied"})()

    def request(self, method, url, json=None, params=None, headers=None, timeout=None):
        self.sent.append((method, url, headers, json))
        return self._response()

    def put(self, url, data=None, headers=None, timeout=None):
        self.sent.append(("PUT", url, headers, data))
        return self._response()


def test_the_client_sends_the_staff_key_or_only_the_customers_bearer_and_puts_uploads_without_either():
    from commerce_cli.client import ApiClient
    from commerce_cli.config import Target

    session = CapturingSession()
    staff = ApiClient(Target("http://api", "staff-key"), session)  # type: ignore[arg-type]
    staff.post("/admin/x")
    staff.as_customer("tok").post("/coupons/A/claim")
    staff.upload("http://s3/put", b"abc", {"Content-Type": "image/png"})
    (_, _, staff_headers, _), (_, url, customer_headers, _), upload = session.sent
    assert staff_headers["X-Api-Key"] == "staff-key" and "Authorization" not in staff_headers
    assert url == "http://api/coupons/A/claim"
    assert customer_headers["Authorization"] == "Bearer tok" and "X-Api-Key" not in customer_headers
    assert upload == ("PUT", "http://s3/put", {"Content-Type": "image/png"}, b"abc")
    session.status = 403
    try:
        staff.upload("http://s3/put", b"abc", {})
    except ApiError as error:
        assert error.code == "upload_failed" and error.status == 403
    else:
        raise AssertionError("a refused upload is an error")


def test_segments_show_their_counts_and_a_segments_customers():
    counts = {"scored_on": "2026-12-06", "segments": {"champions": 12, "loyal": 30, "lost": 0}}
    people = [{"id": "cus_1", "email": "ada@example.com", "name": "Ada"}]
    api = RecordingApi({("GET", "/admin/segments"): counts, ("PAGES", "/admin/customers"): {"items": people}})
    shown = run(["segments", "show"], api)
    assert shown.exit_code == 0 and "champions" in shown.output and "2026-12-06" in shown.output
    listed = run(["segments", "customers", "loyal", "--q", "ad", "--json"], api)
    assert json.loads(listed.stdout)[0]["email"] == "ada@example.com"
    assert api.calls[-1] == ("staff", "PAGES", "/admin/customers", {"segment": "loyal", "q": "ad"})
