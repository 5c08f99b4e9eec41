"""DynamoDB: A/B experiments (ADR 0024, docs/data-model.md "Experiments").

- An experiment: ``EXPERIMENTS`` / ``EXPERIMENT#<id>`` (one partition lists them
  all: a store runs a handful), guarded by its version.
- Start and stop are one transaction of the experiment and its product's item:
  start sets the product's ``experiment`` attribute (the definition the product
  page and cart pricing read in their one existing read) on the condition that
  none is set, so a product runs one experiment at a time; stop removes it on
  the condition that it is this experiment's.
- Counters: ``EXPERIMENT#<id>`` / ``COUNT#<variant>#<shard>``, exposures, orders and
  revenue ADDed to one of COUNTER_SHARDS items chosen at random (no read, no
  condition) and summed on read."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from ...domain.analytics import shard
from ...domain.error_codes import CommonErrorCode, ExperimentErrorCode
from ...domain.errors import Conflict, NotFound
from ...domain.experiments import (
    Experiment,
    Running,
    VariantCounts,
    running_body,
    running_from,
    running_of,
    variant_body,
    variant_of,
)
from . import keys, raw_reads, transact
from .models import Item, ProductItem
from .raw_reads import client

LIST_PK = "EXPERIMENTS"
_RUNNING = raw_reads.projection({"type", "id", "experiment"})


def experiment_key(experiment_id: str) -> tuple[str, str]:
    return LIST_PK, f"EXPERIMENT#{experiment_id}"


def counts_pk(experiment_id: str) -> str:
    return f"EXPERIMENT#{experiment_id}"


class ExperimentItem(Item, discriminator="Experiment"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    kind = UnicodeAttribute()
    product_id = UnicodeAttribute()
    variants = JSONAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    started_at = UTCDateTimeAttribute(null=True)
    stopped_at = UTCDateTimeAttribute(null=True)
    margin_override = JSONAttribute(null=True)  # ADR 0023: who let a price variant under the minimum
    version = VersionAttribute()


class ExperimentCountItem(Item, discriminator="ExperimentCount"):
    """One shard of a variant's exposures, orders and revenue."""

    exposures = NumberAttribute(null=True)
    orders = NumberAttribute(null=True)
    revenue = NumberAttribute(null=True)


def _record(e: Experiment) -> ExperimentItem:
    return ExperimentItem(
        *experiment_key(e.id),
        id=e.id,
        name=e.name,
        kind=e.kind,
        product_id=e.product_id,
        variants=[variant_body(v) for v in e.variants],
        status=e.status,
        created_at=e.created_at,
        updated_at=e.updated_at,
        started_at=e.started_at,
        stopped_at=e.stopped_at,
        margin_override=e.margin_override,
    )


def _experiment(item: ExperimentItem) -> Experiment:
    return Experiment(
        item.id,
        item.name,
        item.kind,
        item.product_id,
        tuple(variant_of(v) for v in item.variants),
        item.status,
        item.created_at,
        item.updated_at,
        item.started_at,
        item.stopped_at,
        int(item.version or 1),
        item.margin_override,
    )


class DynamoExperiments:
    def add(self, experiment: Experiment) -> None:
        _record(experiment).save(condition=ExperimentItem.PK.does_not_exist())

    def get(self, experiment_id: str) -> Experiment | None:
        try:
            return _experiment(ExperimentItem.get(*experiment_key(experiment_id), consistent_read=True))
        except DoesNotExist:
            return None

    def list_all(self) -> list[Experiment]:
        items = ExperimentItem.query(LIST_PK, ExperimentItem.SK.startswith("EXPERIMENT#"), consistent_read=True)
        return sorted((_experiment(i) for i in items), key=lambda e: e.created_at, reverse=True)

    def save_status(self, experiment: Experiment, previous_version: int) -> Experiment:
        """The new status and the product's copy of the definition, in one transaction."""
        labels: list[str] = []
        product_key = keys.product(experiment.product_id)

        def build(tw: TransactWrite) -> None:
            t = transact.Labelled(tw)
            record = _record(experiment)
            record.version = previous_version
            t.save("experiment", record)
            if experiment.status == "running":
                t.raw_update(
                    "product",
                    *product_key,
                    actions=[ProductItem.experiment.set(running_body(running_of(experiment)))],
                    condition=ProductItem.PK.exists() & ProductItem.experiment.does_not_exist(),
                )
            else:
                t.raw_update(
                    "product",
                    *product_key,
                    actions=[ProductItem.experiment.remove()],
                    condition=ProductItem.PK.exists(),
                )
            labels[:] = t.labels

        try:
            transact.run(build)
        except TransactWriteError as error:
            failed = transact.failed_labels(error, labels) if transact.condition_failed(error) else []
            if "product" in failed:
                if raw_reads.get_item(*product_key) is None:
                    raise NotFound(f"No product {experiment.product_id}.") from error
                raise Conflict(
                    "The product runs another experiment; stop it first.",
                    code=ExperimentErrorCode.EXPERIMENT_ALREADY_RUNNING,
                ) from error
            if "experiment" in failed:
                raise Conflict(
                    "The experiment changed meanwhile; read it again.", code=CommonErrorCode.CONCURRENT_UPDATE
                ) from error
            raise
        return experiment.__class__(**{**experiment.__dict__, "version": previous_version + 1})

    def running_for(self, product_ids: Sequence[str]) -> dict[str, Running]:
        """The running experiments of these products: one BatchGetItem of their items' ``experiment``."""
        found: dict[str, Running] = {}
        for raw in raw_reads.batch_get([keys.product(p) for p in product_ids], _RUNNING):
            body = raw.get("experiment", {}).get("S")
            if body:
                found[raw["id"]["S"]] = running_from(json.loads(body))
        return found

    # --- counters --------------------------------------------------------------------------------
    def add_counts(self, experiment_id: str, variant: str, counts: Mapping[str, int]) -> None:
        names = {f"#c{i}": name for i, name in enumerate(counts)} | {"#type": "type"}
        values = {f":c{i}": {"N": str(n)} for i, n in enumerate(counts.values())}
        client().update_item(
            TableName=Item.Meta.table_name,
            Key={"PK": {"S": counts_pk(experiment_id)}, "SK": {"S": f"COUNT#{variant}#{shard():02d}"}},
            UpdateExpression=f"ADD {', '.join(f'#c{i} :c{i}' for i in range(len(counts)))} SET #type = :type",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values | {":type": {"S": "ExperimentCount"}},
        )

    def counts(self, experiment_id: str) -> dict[str, VariantCounts]:
        totals: dict[str, list[int]] = {}
        for item in ExperimentCountItem.query(
            counts_pk(experiment_id), ExperimentCountItem.SK.startswith("COUNT#"), consistent_read=True
        ):
            variant = item.SK.split("#")[1]
            row = totals.setdefault(variant, [0, 0, 0])
            row[0] += int(item.exposures or 0)
            row[1] += int(item.orders or 0)
            row[2] += int(item.revenue or 0)
        return {k: VariantCounts(*v) for k, v in totals.items()}
