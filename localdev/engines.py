"""Real local engines: Amazon's DynamoDB Local (Java), moto server for SQS,
EventBridge, SES, SNS and S3, localstripe. Each starts on a port, is waited for, and stops
cleanly."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCAL_DIR = ROOT / ".local"
DYNAMODB_LOCAL_DIR = LOCAL_DIR / "dynamodb-local"
# Amazon's DynamoDB Local ships inside this npm package (package/emulator/).
DYNAMODB_LOCAL_PACKAGE = "amplify-dynamodb-simulator@2.9.30"


class PortTaken(RuntimeError):
    pass


class EngineFailed(RuntimeError):
    pass


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def require_free(port: int, what: str, env_var: str) -> None:
    if not port_free(port):
        raise PortTaken(
            f"Port {port} ({what}) is already in use. Stop whatever holds it "
            f"(`ss -ltnp 'sport = :{port}'` shows it) or choose another port with {env_var}=<port>."
        )


# Ports handed out below the kernel's ephemeral range (32768-60999 on Linux):
# an outgoing connection's source port can never collide with an engine that
# has not started listening yet.
_PORT_RANGE = (20000, 32000)


def free_ports(n: int) -> list[int]:
    """n distinct ports, free now, outside the ephemeral range."""
    import random

    chosen: list[int] = []
    candidates = list(range(*_PORT_RANGE))
    random.shuffle(candidates)
    for port in candidates:
        if port_free(port):
            chosen.append(port)
            if len(chosen) == n:
                return chosen
    raise PortTaken(f"fewer than {n} free ports between {_PORT_RANGE[0]} and {_PORT_RANGE[1]}")


def wait_for_port(
    port: int,
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
    what: str = "",
    log: Path | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise EngineFailed(f"{what} exited with code {process.returncode} before it was ready{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise EngineFailed(f"{what} did not open port {port} within {timeout:.0f}s{_tail(log)}")


def _tail(log: Path | None, lines: int = 15) -> str:
    """The end of an engine's log, so a failed start says why."""
    if log is None or not log.exists():
        return ""
    text = log.read_text(errors="replace").splitlines()[-lines:]
    return f"; the end of {log}:\n" + "\n".join(text)


def ensure_dynamodb_local() -> Path:
    """DynamoDBLocal.jar under .local/ (git-ignored), fetched with `npm pack` once."""
    jar = DYNAMODB_LOCAL_DIR / "DynamoDBLocal.jar"
    if jar.exists():
        return DYNAMODB_LOCAL_DIR
    if shutil.which("npm") is None:
        raise EngineFailed("npm is needed once to fetch DynamoDB Local (Node 20 ships it)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", DYNAMODB_LOCAL_PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL
        )
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith("package/emulator/")]
            tar.extractall(tmp, members=members, filter="data")
        staging = DYNAMODB_LOCAL_DIR.with_suffix(".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.move(str(Path(tmp) / "package" / "emulator"), staging)
        staging.rename(DYNAMODB_LOCAL_DIR)
    return DYNAMODB_LOCAL_DIR


class Child:
    """A child process that is stopped (TERM, then KILL) with the stack."""

    def __init__(
        self,
        name: str,
        args: list[str],
        env: dict[str, str] | None = None,
        log: Path | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        out: Any = subprocess.DEVNULL
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            out = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self._out = out
        self.process = subprocess.Popen(
            args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._out is not subprocess.DEVNULL:
            self._out.close()


def start_dynamodb(port: int, db_path: Path | None, log: Path | None = None) -> Child:
    home = ensure_dynamodb_local()
    if shutil.which("java") is None:
        raise EngineFailed("Java 17 is needed to run DynamoDB Local")
    args = [
        "java",
        f"-Djava.library.path={home / 'DynamoDBLocal_lib'}",
        "-jar",
        str(home / "DynamoDBLocal.jar"),
        "-port",
        str(port),
        # No usage reports sent to Amazon (it needs no network at all).
        "-disableTelemetry",
    ]
    # -sharedDb: one database whatever the credentials and region of the caller.
    if db_path is None:
        args += ["-inMemory", "-sharedDb"]
    else:
        db_path.mkdir(parents=True, exist_ok=True)
        args += ["-dbPath", str(db_path), "-sharedDb"]
    # Run from .local/ (git-ignored): DynamoDB Local writes dynamodb-local-metadata.json
    # into its working directory.
    LOCAL_DIR.mkdir(parents=True, exist_ok=True)
    child = Child("dynamodb-local", args, log=log, cwd=LOCAL_DIR)
    wait_for_port(port, 30, child.process, "DynamoDB Local", log)
    return child


def start_localstripe(port: int, state_dir: Path, log: Path | None = None) -> Child:
    """localstripe (through localdev/localstripe.py) keeping its state in
    ``state_dir``: never shared with another localstripe on this machine."""
    state_dir.mkdir(parents=True, exist_ok=True)
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "COMMERCE_LOCALSTRIPE_STATE": str(state_dir), "PYTHONPATH": pythonpath}
    child = Child("localstripe", [sys.executable, "-m", "localdev.localstripe", "--port", str(port)], env=env, log=log)
    wait_for_port(port, 30, child.process, "localstripe", log)
    return child


class MotoEngine:
    """moto in server mode (SQS, EventBridge, SES, SNS, S3) on its own thread."""

    def __init__(self, port: int) -> None:
        import logging

        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.name = "moto"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self.server.start()
        wait_for_port(port, 15, None, "moto server")

    def stop(self) -> None:
        self.server.stop()
