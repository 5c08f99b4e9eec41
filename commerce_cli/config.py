"""Which API to talk to, and with which staff key.

Each of the URL and the key comes from the first of: the command-line option
(`--url`, `--api-key`), the environment (`COMMERCE_URL`, `COMMERCE_API_KEY`),
the profile (`--profile` or `COMMERCE_PROFILE`, default `default`) in
`~/.config/commerce/profiles.toml` (or `$COMMERCE_PROFILES`):

    [default]
    url = "http://127.0.0.1:8000"
    api_key = "local-admin-key"

    [dev]
    url = "https://abc123.execute-api.ap-southeast-1.amazonaws.com/api"
    api_key = "..."

Without any, the URL is the local stack's (`COMMERCE_API_PORT`, default 8000)
and the key is missing: a usage error."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A usage problem: exit code 2."""


@dataclass(frozen=True)
class Target:
    url: str
    api_key: str


def profiles_path(env: Mapping[str, str]) -> Path:
    if env.get("COMMERCE_PROFILES"):
        return Path(env["COMMERCE_PROFILES"])
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "commerce" / "profiles.toml"


def load_profile(path: Path, name: str, required: bool) -> dict[str, str]:
    if not path.exists():
        if required:
            raise ConfigError(f"profile {name!r} asked for, but {path} does not exist")
        return {}
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    section = data.get(name)
    if section is None:
        if required:
            raise ConfigError(f"no [{name}] profile in {path}")
        return {}
    if not isinstance(section, dict):
        raise ConfigError(f"[{name}] in {path} is not a table")
    return {k: str(v) for k, v in section.items() if k in ("url", "api_key")}


def resolve(url: str | None, api_key: str | None, profile: str | None, env: Mapping[str, str] | None = None) -> Target:
    env = os.environ if env is None else env
    name = profile or env.get("COMMERCE_PROFILE") or "default"
    explicit = bool(profile or env.get("COMMERCE_PROFILE"))
    chosen = load_profile(profiles_path(env), name, required=explicit)
    local = f"http://127.0.0.1:{env.get('COMMERCE_API_PORT') or 8000}"
    final_url = url or env.get("COMMERCE_URL") or chosen.get("url") or local
    key = api_key or env.get("COMMERCE_API_KEY") or chosen.get("api_key")
    if not key:
        raise ConfigError(
            f"no API key: pass --api-key, set COMMERCE_API_KEY, or put api_key in a profile ({profiles_path(env)})"
        )
    if not final_url.startswith(("http://", "https://")):
        raise ConfigError(f"the URL must start with http:// or https://, not {final_url!r}")
    return Target(final_url.rstrip("/"), key)
