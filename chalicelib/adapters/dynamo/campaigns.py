"""DynamoDB: marketing campaigns and the batches of a fanned-out one (ADR 0012;
docs/data-model.md, "Notifications"). A campaign's counts are numbers on its
item, ADDed per page of a batch in the transaction that moves the batch's
checkpoint forward, so a page counted once is never counted again."""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import BooleanAttribute, JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.attributes import UTCDateTimeAttribute as Moment
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.transactions import TransactWrite

from ...domain.notifications import CAMPAIGN_OUTCOMES, Campaign, CampaignBatch
from ...services.ports import Page, Position
from . import keys, transact
from .models import Item
from .paging import GSI1_KEYS, query_page


class CampaignItem(Item, discriminator="Campaign"):
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    message = UnicodeAttribute()
    channel = UnicodeAttribute()
    segment = UnicodeAttribute(null=True)
    status = UnicodeAttribute()  # draft | sending | sent
    created_at = Moment()
    created_by = UnicodeAttribute()
    result = JSONAttribute(null=True)  # the counts of campaigns sent before they were numbers (read only)
    sent_at = Moment(null=True)
    sent = NumberAttribute(null=True)
    capped = NumberAttribute(null=True)
    opted_out = NumberAttribute(null=True)
    failed = NumberAttribute(null=True)
    batches = NumberAttribute(default=0)
    batches_done = NumberAttribute(default=0)


class CampaignBatchItem(Item, discriminator="CampaignBatch"):
    """Written by the batch's first checkpoint (or its finish): the batch's range is in its message."""

    checkpoint = UnicodeAttribute(null=True)
    done = BooleanAttribute(null=True)


def _campaign_item(c: Campaign) -> CampaignItem:
    item = CampaignItem(
        *keys.campaign(c.id),
        id=c.id,
        name=c.name,
        message=c.message,
        channel=c.channel,
        segment=c.segment,
        status=c.status,
        created_at=c.created_at,
        created_by=c.created_by,
        sent_at=c.sent_at,
        batches=c.batches,
        batches_done=c.batches_done,
        GSI1PK=keys.CAMPAIGNS_GSI1PK,
        GSI1SK=f"{keys.iso_key(c.created_at)}#{c.id}",
    )
    if c.result is not None:
        for name in CAMPAIGN_OUTCOMES:
            setattr(item, name, int(c.result.get(name, 0)))
    return item


def _campaign(i: CampaignItem) -> Campaign:
    result: dict[str, int] | None = None
    if i.result:
        result = {str(k): int(v) for k, v in i.result.items()}
    elif i.status != "draft":
        result = {name: int(getattr(i, name) or 0) for name in CAMPAIGN_OUTCOMES}
    return Campaign(
        i.id,
        i.name,
        i.message,
        i.channel,
        i.segment,
        i.status,
        i.created_at,
        i.created_by,
        result,
        i.sent_at,
        int(i.batches or 0),
        int(i.batches_done or 0),
    )


class DynamoCampaigns:
    def add(self, campaign: Campaign) -> None:
        _campaign_item(campaign).save(condition=CampaignItem.PK.does_not_exist())

    def get(self, campaign_id: str) -> Campaign | None:
        try:
            item = CampaignItem.get(*keys.campaign(campaign_id), consistent_read=True)
        except DoesNotExist:
            return None
        return _campaign(item)

    def recent(self, limit: int, after: Position | None) -> Page:
        page = query_page(keys.CAMPAIGNS_GSI1PK, "GSI1", GSI1_KEYS, limit, after, forward=False)
        return Page([_campaign(i) for i in page.items], page.next_position)

    def start(self, campaign_id: str, batches: int = 0) -> bool:
        try:
            CampaignItem(*keys.campaign(campaign_id)).update(
                actions=[
                    CampaignItem.status.set("sending"),
                    CampaignItem.batches.set(batches),
                    CampaignItem.batches_done.set(0),
                    *(getattr(CampaignItem, name).set(0) for name in CAMPAIGN_OUTCOMES),
                ],
                condition=CampaignItem.status == "draft",
            )
        except UpdateError as error:
            if transact.put_refused(error):
                return False
            raise
        return True

    def finish(self, campaign: Campaign) -> None:
        _campaign_item(campaign).save()

    # --- a fanned-out campaign's batches ---------------------------------------------------------
    def batch(self, campaign_id: str, number: int) -> CampaignBatch | None:
        try:
            item = CampaignBatchItem.get(*keys.campaign_batch(campaign_id, number), consistent_read=True)
        except DoesNotExist:
            return None
        return CampaignBatch(campaign_id, number, "", "", item.checkpoint, bool(item.done))

    def checkpoint(self, campaign_id: str, number: int, key: str, counts: dict[str, int]) -> bool:
        """One transaction: the batch's checkpoint forward to ``key`` (only forward:
        a late duplicate of the page is refused) and the page's counts onto the campaign."""

        def build(tw: TransactWrite) -> None:
            tw.update(
                CampaignBatchItem(*keys.campaign_batch(campaign_id, number)),
                actions=[CampaignBatchItem.checkpoint.set(key), CampaignBatchItem.type.set(CampaignBatchItem)],
                condition=CampaignBatchItem.checkpoint.does_not_exist() | (CampaignBatchItem.checkpoint < key),
            )
            tw.update(
                CampaignItem(*keys.campaign(campaign_id)),
                actions=[getattr(CampaignItem, name).add(n) for name, n in counts.items() if n]
                or [CampaignItem.batches_done.add(0)],
                condition=CampaignItem.PK.exists(),
            )

        return transact.run_checked(build)

    def finish_batch(self, campaign_id: str, number: int) -> bool:
        """One transaction: the batch done (once) and the campaign's count of done batches."""

        def build(tw: TransactWrite) -> None:
            tw.update(
                CampaignBatchItem(*keys.campaign_batch(campaign_id, number)),
                actions=[CampaignBatchItem.done.set(True), CampaignBatchItem.type.set(CampaignBatchItem)],
                condition=CampaignBatchItem.done.does_not_exist() | (CampaignBatchItem.done == False),  # noqa: E712
            )
            tw.update(
                CampaignItem(*keys.campaign(campaign_id)),
                actions=[CampaignItem.batches_done.add(1)],
                condition=CampaignItem.PK.exists(),
            )

        return transact.run_checked(build)

    def close(self, campaign_id: str, at: datetime) -> bool:
        try:
            CampaignItem(*keys.campaign(campaign_id)).update(
                actions=[CampaignItem.status.set("sent"), CampaignItem.sent_at.set(at)],
                condition=(CampaignItem.status == "sending")
                & (CampaignItem.batches > 0)
                & (CampaignItem.batches_done >= CampaignItem.batches),
            )
        except UpdateError as error:
            if transact.put_refused(error):
                return False
            raise
        return True
