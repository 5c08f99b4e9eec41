"""Operational metrics as CloudWatch embedded metric format (EMF) lines through
Powertools: each count is written at once (``single_metric``), so nothing is
lost when an invocation ends early. Powertools is imported on the first count."""

from __future__ import annotations


class EmfMetrics:
    def __init__(self, namespace: str, stage: str) -> None:
        self.namespace, self.stage = namespace, stage

    def count(self, name: str, value: int = 1, **dimensions: str) -> None:
        from aws_lambda_powertools.metrics import MetricUnit, single_metric

        with single_metric(
            name=name,
            unit=MetricUnit.Count,
            value=value,
            namespace=self.namespace,
            default_dimensions={"stage": self.stage, **dimensions},
        ):
            pass

    def gauge(self, name: str, value: float, **dimensions: str) -> None:
        """A level rather than a count (the store rating): one EMF line, no unit."""
        from aws_lambda_powertools.metrics import MetricUnit, single_metric

        with single_metric(
            name=name,
            unit=MetricUnit.NoUnit,
            value=value,
            namespace=self.namespace,
            default_dimensions={"stage": self.stage, **dimensions},
        ):
            pass
