"""DynamoDB repository for shipping templates (the default one on GSI5, all on GSI2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.transactions import TransactWrite

from ...domain.shipping import RegionRate, ShippingTemplate
from . import keys, transact
from .commerce import mark_pricing_change
from .models import ShippingTemplateItem


def _template_json(t: ShippingTemplate) -> dict[str, Any]:
    return {
        "first_weight_grams": t.first_weight_grams,
        "first_fee": t.first_fee,
        "additional_weight_grams": t.additional_weight_grams,
        "additional_fee": t.additional_fee,
        "free_over": t.free_over,
        "regions": [
            {"provinces": sorted(r.provinces), "first_fee": r.first_fee, "additional_fee": r.additional_fee}
            for r in t.regions
        ],
        "no_free_shipping_provinces": sorted(t.no_free_shipping_provinces),
    }


def _template(item: ShippingTemplateItem) -> ShippingTemplate:
    b = item.body
    return ShippingTemplate(
        id=item.id,
        name=item.name,
        first_weight_grams=b["first_weight_grams"],
        first_fee=b["first_fee"],
        additional_weight_grams=b["additional_weight_grams"],
        additional_fee=b["additional_fee"],
        free_over=b.get("free_over"),
        regions=tuple(
            RegionRate(frozenset(r["provinces"]), r["first_fee"], r["additional_fee"]) for r in b.get("regions", [])
        ),
        no_free_shipping_provinces=frozenset(b.get("no_free_shipping_provinces", [])),
    )


class DynamoShipping:
    def add(self, template: ShippingTemplate, is_default: bool, now: datetime) -> None:
        previous = list(ShippingTemplateItem.gsi5.query(keys.DEFAULT_SHIPPING_PK)) if is_default else []

        def build(tw: TransactWrite) -> None:
            tw.save(
                ShippingTemplateItem(
                    *keys.shipping_template(template.id),
                    id=template.id,
                    name=template.name,
                    body=_template_json(template),
                    is_default=is_default,
                    created_at=now,
                    GSI2PK=keys.SHIPPING_TEMPLATES_PK,
                    GSI2SK=template.id,
                    GSI5PK=keys.DEFAULT_SHIPPING_PK if is_default else None,
                    GSI5SK=template.id if is_default else None,
                ),
                condition=ShippingTemplateItem.PK.does_not_exist(),
            )
            for old in previous:
                tw.update(
                    ShippingTemplateItem(old.PK, old.SK),
                    actions=[
                        ShippingTemplateItem.is_default.set(False),
                        ShippingTemplateItem.GSI5PK.remove(),
                        ShippingTemplateItem.GSI5SK.remove(),
                    ],
                )
            mark_pricing_change(tw)

        transact.run(build)

    def default(self) -> ShippingTemplate | None:
        # Newest default first, should two have raced.
        for item in ShippingTemplateItem.gsi5.query(keys.DEFAULT_SHIPPING_PK, scan_index_forward=False, limit=1):
            return _template(item)
        return None

    def all(self) -> list[tuple[ShippingTemplate, bool]]:
        return [(_template(i), bool(i.is_default)) for i in ShippingTemplateItem.gsi2.query(keys.SHIPPING_TEMPLATES_PK)]
