"""The local server (`make run`) over real HTTP: one kept-alive connection, as
browsers and SDKs use, against a new connection per request. Before TCP_NODELAY
the kept-alive median was about 40 ms above the other (Nagle's algorithm waiting
for the client's delayed ACK)."""

from __future__ import annotations

import http.client
import statistics
import time
from urllib.parse import urlsplit


def bench_keepalive(base_url: str, path: str, runs: int) -> dict[str, float]:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    def one(connection: http.client.HTTPConnection) -> float:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status}")
        return (time.perf_counter() - started) * 1000

    kept = http.client.HTTPConnection(host, port, timeout=30)
    try:
        for _ in range(10):
            one(kept)
        reused = [one(kept) for _ in range(runs)]
    finally:
        kept.close()
    fresh = []
    for _ in range(runs):
        connection = http.client.HTTPConnection(host, port, timeout=30)
        try:
            fresh.append(one(connection))
        finally:
            connection.close()
    kept_ms, fresh_ms = statistics.median(reused), statistics.median(fresh)
    return {
        "keep_alive_median_ms": kept_ms,
        "new_connection_median_ms": fresh_ms,
        "ratio": kept_ms / fresh_ms,
        "runs": runs,
    }
