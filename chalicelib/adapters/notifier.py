"""Where stock alerts go: a signed outbound webhook when configured, the log otherwise."""

from __future__ import annotations

import json
import logging

from ..domain.clock import to_rfc3339
from ..domain.stock_alerts import StockAlert
from .outbound import post_signed

log = logging.getLogger("commerce.notifier")


def _payload(alert: StockAlert) -> dict[str, object]:
    return {
        "type": "stock.alert",
        "alert_id": alert.id,
        "sku": alert.sku,
        "product_id": alert.product_id,
        "available": alert.available,
        "safety_stock": alert.safety_stock,
        "suggestion": alert.suggestion,
        "created_at": to_rfc3339(alert.created_at),
    }


def _body(alert: StockAlert) -> bytes:
    return json.dumps(_payload(alert)).encode()


class LogNotifier:
    def notify(self, alert: StockAlert) -> None:
        log.warning(
            "stock alert %s: %s at %s available",
            alert.id,
            alert.sku,
            alert.available,
            extra={"event": "stock_alert", **_payload(alert)},
        )


class WebhookNotifier:
    """POSTs the alert with X-Commerce-Timestamp and X-Commerce-Signature (hex
    HMAC-SHA256 of "<timestamp>.<body>")."""

    def __init__(self, url: str, secret: str, timeout: float = 5.0) -> None:
        self.url, self.secret, self.timeout = url, secret, timeout

    def notify(self, alert: StockAlert) -> None:
        post_signed(self.url, _body(alert), self.secret, "Commerce", self.timeout)
