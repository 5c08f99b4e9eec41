"""A deployment stage: what .chalice/config.json says about it, plus the few
settings only the deployment needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"

# Per stage: API Gateway throttling (steady requests/s, burst) and whether the
# table is protected from deletion (and retained if the stack goes).
DEPLOYMENT = {
    "dev": {"throttle_rate": 50, "throttle_burst": 100, "protect_data": False},
    "prod": {"throttle_rate": 500, "throttle_burst": 1000, "protect_data": True},
}

# Jobs that walk many items get more than the API's 30 s (EventBridge Scheduler
# invokes them asynchronously; nothing waits on them). The two that call Stripe
# once per item get Lambda's maximum.
JOB_TIMEOUTS = {
    "settle": 900,
    "classify_abc": 300,
    "renew_memberships": 900,
    "scan_slas": 300,
    "auto_complete_orders": 120,
    "release_unpaid_orders": 120,
}


@dataclass(frozen=True)
class Stage:
    name: str
    environment: dict[str, str]
    lambda_timeout: int
    lambda_memory_size: int
    api_gateway_stage: str
    throttle_rate: int
    throttle_burst: int
    protect_data: bool
    chalice: dict[str, Any] = field(default_factory=dict)

    @property
    def table_name(self) -> str:
        return self.environment["COMMERCE_TABLE"]

    @property
    def queue_prefix(self) -> str:
        return self.environment["COMMERCE_QUEUE_PREFIX"]

    @property
    def event_bus_name(self) -> str:
        return self.environment["COMMERCE_EVENT_BUS"]

    @property
    def store_timezone(self) -> str:
        return self.environment["COMMERCE_STORE_TIMEZONE"]

    def timeout_of(self, function: str) -> int:
        return JOB_TIMEOUTS.get(function, self.lambda_timeout)


def load_stage(name: str) -> Stage:
    config = json.loads(CHALICE_CONFIG.read_text())
    if name not in DEPLOYMENT or name not in config.get("stages", {}):
        raise SystemExit(f"unknown stage {name!r}: deployable stages are {sorted(DEPLOYMENT)}")
    stage_config = config["stages"][name]
    environment = {**config.get("environment_variables", {}), **stage_config.get("environment_variables", {})}
    for required in ("COMMERCE_TABLE", "COMMERCE_QUEUE_PREFIX", "COMMERCE_EVENT_BUS", "COMMERCE_STORE_TIMEZONE"):
        if required not in environment:
            raise SystemExit(f".chalice/config.json stage {name!r} has no {required}")
    return Stage(
        name=name,
        environment=environment,
        lambda_timeout=int(stage_config.get("lambda_timeout", config.get("lambda_timeout", 60))),
        lambda_memory_size=int(stage_config.get("lambda_memory_size", config.get("lambda_memory_size", 512))),
        api_gateway_stage=stage_config.get("api_gateway_stage", "api"),
        chalice=stage_config,
        **DEPLOYMENT[name],
    )
