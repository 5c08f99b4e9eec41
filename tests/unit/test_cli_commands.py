"""`commerce` as a user runs it (typer's CliRunner): where the target and key come
from, --json output, problem+json errors with exit code 1, usage errors with 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from commerce_cli.client import ApiError
from commerce_cli.config import ConfigError, resolve
from commerce_cli.main import app
from commerce_cli.state import State
from tests.unit.cli_fakes import FakeCatalogApi

runner = CliRunner()


def invoke(args, api, env=None):
    targets = []

    def connect(target):
        targets.append(target)
        return api

    result = runner.invoke(app, args, obj=State(connect=connect), env=env)
    return result, targets


class OrdersApi:
    """The routes the order commands call, answering as the API does."""

    def __init__(self):
        self.posted = []

    def pages(self, path, params=None, limit=None):
        assert path == "/admin/orders" and params == {"status": "held"}
        items = [{"id": f"ord_{n}", "status": "held", "total": {"amount": 1990, "currency": "CNY"}} for n in range(5)]
        return iter(items[:limit])

    def get(self, path, params=None):
        raise ApiError(404, {"status": 404, "code": "not_found", "detail": "No order ord_x."})

    def post(self, path, body=None, idempotent=False):
        self.posted.append((path, body))
        if path.endswith("/approve"):
            raise ApiError(
                409, {"status": 409, "code": "invalid_transition", "detail": "Only held orders can be approved."}
            )
        raise ApiError(
            400,
            {
                "status": 400,
                "code": "validation_error",
                "detail": "The request is not valid.",
                "errors": [{"field": "reason", "code": "too_long", "message": "at most 500 characters"}],
            },
        )


def test_flags_win_over_the_environment_which_wins_over_the_profile(tmp_path):
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(
        '[default]\nurl = "http://p:1"\napi_key = "pk"\n[dev]\nurl = "https://dev.example/api/"\napi_key = "dk"\n'
    )
    env = {"COMMERCE_PROFILES": str(profiles)}
    assert resolve(None, None, None, env).url == "http://p:1"
    assert resolve(None, None, "dev", env) == resolve(None, None, None, {**env, "COMMERCE_PROFILE": "dev"})
    assert resolve(None, None, "dev", env).url == "https://dev.example/api"
    with_env = {**env, "COMMERCE_URL": "http://e:2", "COMMERCE_API_KEY": "ek"}
    assert (resolve(None, None, "dev", with_env).url, resolve(None, None, "dev", with_env).api_key) == (
        "http://e:2",
        "ek",
    )
    assert resolve("http://f:3", "fk", "dev", with_env).api_key == "fk"
    with pytest.raises(ConfigError, match=r"no \[prod\] profile"):
        resolve(None, None, "prod", env)


def test_without_a_key_it_is_a_usage_error_and_the_url_defaults_to_the_local_port(tmp_path):
    env = {"COMMERCE_PROFILES": str(tmp_path / "none.toml"), "COMMERCE_API_PORT": "9100"}
    with pytest.raises(ConfigError, match="no API key"):
        resolve(None, None, None, env)
    assert resolve(None, "k", None, env).url == "http://127.0.0.1:9100"
    result, _ = invoke(["inventory", "show", "X"], FakeCatalogApi(), env={**env, "COMMERCE_API_KEY": ""})
    assert result.exit_code == 2
    assert "no API key" in result.output


def test_a_problem_is_shown_with_its_code_detail_and_field_errors_and_exits_1():
    api = OrdersApi()
    result, targets = invoke(
        ["--url", "http://api.test", "--api-key", "k", "orders", "reject", "ord_1", "--reason", "x"], api
    )
    assert result.exit_code == 1
    assert "error: validation_error (HTTP 400)" in result.output
    assert "The request is not valid." in result.output
    assert "- reason: too_long: at most 500 characters" in result.output
    assert targets[0].url == "http://api.test" and targets[0].api_key == "k"
    assert api.posted == [("/admin/orders/ord_1/reject", {"reason": "x"})]

    result, _ = invoke(["--api-key", "k", "orders", "approve", "ord_1", "--json"], api)
    assert result.exit_code == 1
    start = result.stdout.index("{")
    printed = json.loads(result.stdout[start : result.stdout.rindex("}") + 1])
    assert printed["error"]["code"] == "invalid_transition" and printed["status"] == 409


def test_lists_print_json_for_scripts_and_tables_for_people():
    result, _ = invoke(["--api-key", "k", "orders", "list", "--status", "held", "--limit", "2", "--json"], OrdersApi())
    assert result.exit_code == 0
    assert [o["id"] for o in json.loads(result.stdout)] == ["ord_0", "ord_1"]
    result, _ = invoke(["--api-key", "k", "orders", "list", "--status", "held", "--limit", "3"], OrdersApi())
    assert result.exit_code == 0 and "ord_2" in result.stdout and "19.90 CNY" in result.stdout


def test_products_import_prints_the_report_as_json_and_exits_1_when_rows_failed(tmp_path):
    csv_file = tmp_path / "catalog.csv"
    csv_file.write_text(
        "product_key,title,category_slug,sku,specs,price,stock,weight_grams\n"
        "a,Alpha,tea,A1,,1.00,5,10\n"
        "b,Beta,tea,B1,,free,5,10\n"
    )
    api = FakeCatalogApi()
    result, _ = invoke(["--api-key", "k", "products", "import", str(csv_file), "--json"], api)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "imported": 1,
        "unchanged": 0,
        "failed": [{"row": 3, "error": "price 'free' is not a number with at most 2 decimals, such as 199.00"}],
    }
    result, _ = invoke(["--api-key", "k", "products", "import", str(csv_file)], api)
    assert "imported 0 rows, unchanged 1, failed 1" in result.stdout
    assert "row 3: price 'free'" in result.stdout


def test_a_file_without_the_columns_exits_1_and_a_bad_option_exits_2(tmp_path):
    csv_file = tmp_path / "catalog.csv"
    csv_file.write_text("sku,price\nA,1\n")
    result, _ = invoke(["--api-key", "k", "products", "import", str(csv_file)], FakeCatalogApi())
    assert result.exit_code == 1 and "missing column(s)" in result.output
    result, _ = invoke(["--api-key", "k", "products", "import", str(csv_file), "--status", "gone"], FakeCatalogApi())
    assert result.exit_code == 2
