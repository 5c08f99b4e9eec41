"""Operational metrics are CloudWatch EMF lines (Powertools): stock alerts
raised, SLA breaches, and messages failing on their last receive (DLQ sends)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import boto3

from tests.payments import paid_order
from tests.support import ADMIN, iso, sku_body


def emitted(capsys) -> list[tuple[str, dict]]:
    """(metric name, dimensions) of each EMF line printed so far."""
    found = []
    for line in capsys.readouterr().out.splitlines():
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        doc = json.loads(line)
        for directive in doc["_aws"]["CloudWatchMetrics"]:
            assert directive["Namespace"] == "Commerce"
            for metric in directive["Metrics"]:
                dims = {d: doc[d] for group in directive["Dimensions"] for d in group}
                found.append((metric["Name"], dims))
    return found


def test_a_message_failing_on_its_last_receive_counts_as_a_dlq_send(api, capsys):
    from app import app
    from localdev.runner import EventRunner

    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="commerce-fulfillment")["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})
    sqs.send_message(QueueUrl=url, MessageBody="{poison")
    runner = EventRunner(app, "us-east-1", sqs)
    source = next(q for q in runner.queues if q.name == "fulfillment")
    capsys.readouterr()
    for _ in range(4):
        assert runner.poll_once(source, wait_seconds=0) == (1, 1)
    assert [m for m in emitted(capsys) if m[0] == "MessagesToDlq"] == []
    assert runner.poll_once(source, wait_seconds=0) == (1, 1)  # the 5th receive
    assert ("MessagesToDlq", {"stage": "local", "queue": "commerce-fulfillment"}) in emitted(capsys)


def test_an_sla_breach_and_a_stock_alert_are_counted(api, gateway, capsys):
    from chalicelib.bootstrap import get_container

    category = api.category()
    api.product(category["id"], skus=[sku_body("MT-1", stock=3, safety_stock=5)])
    paid_order(api, gateway, {"MT-1": 1})
    capsys.readouterr()
    as_of = iso(datetime.now(UTC) + timedelta(hours=25))
    assert api.post("/admin/jobs/scan_slas/runs", {"as_of": as_of}, headers=ADMIN).body["summary"]["recorded"] == 1
    assert ("SlaBreaches", {"stage": "local", "kind": "not_confirmed"}) in emitted(capsys)
    assert get_container().stock_alerts.raise_for("MT-1") == "raised"
    assert ("StockAlertsRaised", {"stage": "local"}) in emitted(capsys)
