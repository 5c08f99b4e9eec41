"""DynamoDB: customer accounts (with their unique e-mail pointer) and staff API keys."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.transactions import TransactWrite

from ...domain.error_codes import AuthErrorCode
from ...domain.errors import Conflict
from ...services.ports import Customer, StaffKey
from . import keys, transact
from .crm import search_keys
from .customer_models import CustomerEmailItem, CustomerItem
from .models import ApiKeyItem


# --- customers ------------------------------------------------------------------
class DynamoCustomers:
    def add(self, customer: Customer) -> None:
        item = CustomerItem(
            *keys.customer(customer.id),
            id=customer.id,
            email=customer.email,
            name=customer.name,
            password_hash=customer.password_hash,
            created_at=customer.created_at,
        )
        for attribute, value in search_keys(customer.email, customer.name, customer.id).items():
            setattr(item, attribute, value)  # the staff's customer search (crm.py)
        email = CustomerEmailItem(*keys.customer_email(customer.email), customer_id=customer.id)

        def build(tw: TransactWrite) -> None:
            tw.save(email, condition=CustomerEmailItem.PK.does_not_exist())
            tw.save(item, condition=CustomerItem.PK.does_not_exist())

        transact.run_checked(
            build, Conflict("An account with this e-mail already exists.", code=AuthErrorCode.EMAIL_TAKEN)
        )

    def get(self, customer_id: str) -> Customer | None:
        try:
            item = CustomerItem.get(*keys.customer(customer_id), consistent_read=True)
        except DoesNotExist:
            return None
        return _customer(item)

    def get_by_email(self, email: str) -> Customer | None:
        try:
            pointer = CustomerEmailItem.get(*keys.customer_email(email), consistent_read=True)
        except DoesNotExist:
            return None
        return self.get(pointer.customer_id)


def _customer(item: CustomerItem) -> Customer:
    return Customer(item.id, item.email, item.name, item.password_hash, item.created_at)


# --- staff keys -------------------------------------------------------------------
class DynamoStaffKeys:
    def add(self, key: StaffKey) -> None:
        item = ApiKeyItem(
            *keys.api_key(key.digest),
            id=key.id,
            name=key.name,
            roles=sorted(key.roles),
            created_at=key.created_at,
            created_by=key.created_by,
            GSI1PK=keys.API_KEYS_GSI1PK,
            GSI1SK=key.id,
        )
        try:
            item.save(condition=ApiKeyItem.PK.does_not_exist())
        except PutError as error:
            if transact.put_refused(error):
                raise Conflict("This API key exists already.") from error
            raise

    def get_by_digest(self, digest: str) -> StaffKey | None:
        try:
            return _staff_key(ApiKeyItem.get(*keys.api_key(digest), consistent_read=True))
        except DoesNotExist:
            return None

    def list(self) -> list[StaffKey]:
        return [_staff_key(i) for i in ApiKeyItem.gsi1.query(keys.API_KEYS_GSI1PK)]

    def revoke(self, key_id: str) -> bool:
        condition = ApiKeyItem.GSI1SK == key_id  # noqa: SIM300 - a key condition, not a comparison
        found = list(ApiKeyItem.gsi1.query(keys.API_KEYS_GSI1PK, condition))
        for item in found:
            item.delete()
        return bool(found)


def _staff_key(item: ApiKeyItem) -> StaffKey:
    return StaffKey(
        id=item.id,
        digest=item.PK.split("#", 1)[1],
        name=item.name,
        roles=frozenset(item.roles),
        created_at=item.created_at,
        created_by=item.created_by,
    )
