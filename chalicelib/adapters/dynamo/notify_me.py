"""DynamoDB: notify-me subscriptions, in the customer's notifications partition
(so export and erasure reach them) and on GSI2 by SKU, oldest first."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError

from ...services.planning_ports import Subscription
from . import keys, transact
from . import planning_models as pk
from .planning_models import NotifyMeItem


def _subscription(item: NotifyMeItem) -> Subscription:
    return Subscription(item.id, item.customer_id, item.sku, item.product_id, item.created_at)


class DynamoNotifyMe:
    def subscribe(self, subscription: Subscription) -> Subscription:
        s = subscription
        item = NotifyMeItem(
            *pk.notify_me(s.customer_id, s.sku),
            id=s.id,
            customer_id=s.customer_id,
            sku=s.sku,
            product_id=s.product_id,
            created_at=s.created_at,
            GSI2PK=pk.notify_me_by_sku(s.sku),
            GSI2SK=f"{keys.iso_key(s.created_at)}#{s.customer_id}",
        )
        try:
            item.save(condition=NotifyMeItem.PK.does_not_exist())
            return s
        except PutError as error:
            if not transact.put_refused(error):
                raise
        try:
            return _subscription(NotifyMeItem.get(*pk.notify_me(s.customer_id, s.sku), consistent_read=True))
        except DoesNotExist:  # told and removed in between: subscribe again
            return self.subscribe(subscription)

    def waiting(self, sku: str, limit: int) -> list[Subscription]:
        found = NotifyMeItem.gsi2.query(pk.notify_me_by_sku(sku), limit=limit)
        return [_subscription(i) for i in found if isinstance(i, NotifyMeItem)]

    def done(self, subscription: Subscription) -> None:
        try:
            NotifyMeItem(*pk.notify_me(subscription.customer_id, subscription.sku)).delete(
                condition=NotifyMeItem.id == subscription.id
            )
        except DeleteError as error:  # a new subscription since, or removed already: keep it
            if not transact.put_refused(error):
                raise
