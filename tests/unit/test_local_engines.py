"""The local stack's port handling: engines get distinct ports outside the
kernel's ephemeral range, and an engine that dies on start says why."""

from __future__ import annotations

import subprocess
import sys

import pytest

from localdev.engines import EngineFailed, free_ports, port_free, wait_for_port


def test_free_ports_are_distinct_free_and_below_the_ephemeral_range():
    ports = free_ports(6)
    assert len(set(ports)) == 6
    assert all(20000 <= p < 32000 for p in ports)
    assert all(port_free(p) for p in ports)


def test_an_engine_that_exits_early_reports_the_end_of_its_log(tmp_path):
    log = tmp_path / "engine.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; print('OSError: address in use'); sys.exit(1)"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        process.wait(timeout=10)
    (port,) = free_ports(1)
    with pytest.raises(EngineFailed) as failed:
        wait_for_port(port, 5, process, "engine", log)
    assert "exited with code 1" in str(failed.value)
    assert "OSError: address in use" in str(failed.value)


def test_localstripe_state_stays_in_its_own_folder_and_a_truncated_one_does_not_stop_it(tmp_path, monkeypatch):
    from localdev import localstripe

    first, second = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("COMMERCE_LOCALSTRIPE_STATE", str(first))
    localstripe.dump({"customer:cus_1": {"id": "cus_1"}})
    monkeypatch.setenv("COMMERCE_LOCALSTRIPE_STATE", str(second))
    localstripe.dump({"customer:cus_2": {"id": "cus_2"}})
    loaded: dict = {}
    localstripe.load(loaded)
    assert loaded == {"customer:cus_2": {"id": "cus_2"}}  # not the other stack's
    assert not list(second.glob("*.partial"))  # replaced atomically

    (second / "localstripe.pickle").write_bytes(b"\x80\x05")  # cut short by a kill mid-write
    survivor = {"stale": True}
    localstripe.load(survivor)
    assert survivor == {"stale": True}  # left as it was: starts from what it has, not from garbage
    assert (second / "localstripe.unreadable").exists() and not (second / "localstripe.pickle").exists()


def test_the_stack_follows_the_port_variables_and_the_simulated_carrier_follows_the_api_port(monkeypatch, tmp_path):
    from localdev.stack import StackConfig

    for name in ("COMMERCE_SIMULATED_CARRIER_URL", "COMMERCE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COMMERCE_API_PORT", "9100")
    monkeypatch.setenv("COMMERCE_DYNAMODB_PORT", "9101")
    env = StackConfig.from_env().environment()
    assert env["COMMERCE_SIMULATED_CARRIER_URL"] == "http://127.0.0.1:9100/webhooks/logistics"
    assert env["COMMERCE_DYNAMODB_ENDPOINT"] == "http://127.0.0.1:9101"

    monkeypatch.setenv("COMMERCE_SIMULATED_CARRIER_URL", "http://carrier.test/hook")
    monkeypatch.setenv("COMMERCE_DATA_DIR", str(tmp_path))
    cfg = StackConfig.from_env()
    assert cfg.environment()["COMMERCE_SIMULATED_CARRIER_URL"] == "http://carrier.test/hook"
    assert cfg.data_dir == tmp_path


def test_dynamodb_local_runs_without_telemetry_from_the_git_ignored_local_folder(monkeypatch, tmp_path):
    from localdev import engines

    started: dict = {}

    class FakeChild:
        def __init__(self, name, args, env=None, log=None, cwd=None):
            started.update(args=args, cwd=cwd)
            self.process = None

    monkeypatch.setattr(engines, "ensure_dynamodb_local", lambda: tmp_path)
    monkeypatch.setattr(engines.shutil, "which", lambda _: "/usr/bin/java")
    monkeypatch.setattr(engines, "Child", FakeChild)
    monkeypatch.setattr(engines, "wait_for_port", lambda *a, **k: None)
    engines.start_dynamodb(1234, None)
    assert "-disableTelemetry" in started["args"]
    assert started["cwd"] == engines.LOCAL_DIR
