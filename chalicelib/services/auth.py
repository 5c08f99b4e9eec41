"""Customer accounts and staff credentials."""

from __future__ import annotations

from ..domain import auth
from ..domain.clock import Clock
from ..domain.error_codes import AuthErrorCode
from ..domain.errors import Conflict, ErrorList, Forbidden, NotFound, Unauthorized
from ..domain.ids import new_id
from ..domain.throttle import UNKNOWN_SOURCE
from .ports import Customer, CustomerRepository, StaffKey, StaffKeyRepository
from .profile_ports import TokenRevocations
from .throttle import Throttle

BOOTSTRAP_KEY_NAME = "local bootstrap admin"


def normalise_email(email: str) -> str:
    return email.strip().casefold()


class AuthService:
    def __init__(
        self,
        customers: CustomerRepository,
        keys: StaffKeyRepository,
        clock: Clock,
        token_secret: str,
        token_ttl_seconds: int,
        throttle: Throttle | None = None,  # None: nothing is throttled (unit tests of other rules)
        revocations: TokenRevocations | None = None,  # None: tokens live until they expire
    ) -> None:
        self.customers = customers
        self.keys = keys
        self.clock = clock
        self.token_secret = token_secret
        self.token_ttl_seconds = token_ttl_seconds
        self.throttle = throttle
        self.revocations = revocations

    # --- customers -----------------------------------------------------------
    def register(self, email: str, password: str, name: str, source: str = UNKNOWN_SOURCE) -> tuple[Customer, str]:
        """``source``: the caller's address, whose sign-ups are throttled (counted
        once the request is valid, before the password is hashed)."""
        errors = ErrorList()
        if not auth.PASSWORD_MIN <= len(password) <= auth.PASSWORD_MAX:
            errors.add("password", "invalid_length", f"Use {auth.PASSWORD_MIN} to {auth.PASSWORD_MAX} characters.")
        if not name.strip():
            errors.add("name", "required", "Name must not be blank.")
        errors.raise_if_any()
        if self.throttle is not None:
            self.throttle.register(source)
        customer = Customer(
            id=new_id("cus"),
            email=normalise_email(email),
            name=name.strip(),
            password_hash=auth.hash_password(password),
            created_at=self.clock.now(),
        )
        self.customers.add(customer)
        return customer, self._token_for(customer)

    def login(self, email: str, password: str, source: str = UNKNOWN_SOURCE) -> tuple[Customer, str]:
        """Throttled per e-mail and per ``source`` address: checked before anything
        is read or hashed (the same RateLimited whether the e-mail exists or not),
        a failure counted after the password was found wrong."""
        normalised = normalise_email(email)
        gate = self.throttle.login_gate(normalised, source) if self.throttle is not None else None
        customer = self.customers.get_by_email(normalised)
        if customer is None:
            auth.dummy_password_check(password)
        if customer is None or not auth.verify_password(password, customer.password_hash):
            if self.throttle is not None and gate is not None:
                self.throttle.login_failed(gate)
            raise Unauthorized("The e-mail or password is wrong.", code=AuthErrorCode.INVALID_CREDENTIALS)
        if self.throttle is not None and gate is not None:
            self.throttle.login_succeeded(gate)
        return customer, self._token_for(customer)

    def customer_id_from_token(self, token: str) -> str:
        """The token's customer; refused when the customer's tokens were revoked after it
        was issued (an erased account: ADR 0017)."""
        claims = auth.verify_token(token, self.token_secret, self.clock.now())
        if self.revocations is not None:
            revoked = self.revocations.revoked_up_to(claims.subject)
            if revoked is not None and claims.issued_at <= revoked:
                raise Unauthorized("The access token was revoked.", code=AuthErrorCode.INVALID_TOKEN)
        return claims.subject

    def get_customer(self, customer_id: str) -> Customer:
        customer = self.customers.get(customer_id)
        if customer is None:
            raise NotFound("No such customer.")
        return customer

    def _token_for(self, customer: Customer) -> str:
        return auth.issue_token(customer.id, self.token_secret, self.clock.now(), self.token_ttl_seconds)

    # --- staff ---------------------------------------------------------------
    def staff_from_key(self, key: str) -> StaffKey:
        staff = self.keys.get_by_digest(auth.api_key_digest(key))
        if staff is None:
            raise Unauthorized("The API key is not valid.", code=AuthErrorCode.INVALID_API_KEY)
        return staff

    @staticmethod
    def authorize(staff: StaffKey, action: str) -> None:
        if not auth.roles_allow(staff.roles, action):
            raise Forbidden(f"Your roles ({', '.join(sorted(staff.roles))}) do not allow {action}.")

    def create_key(self, name: str, roles: list[str], created_by: str | None) -> tuple[StaffKey, str]:
        errors = ErrorList()
        unknown = sorted(set(roles) - set(auth.ROLES))
        if unknown:
            errors.add("roles", "unknown_role", f"Unknown roles: {', '.join(unknown)}.")
        if not roles:
            errors.add("roles", "required", "Give at least one role.")
        if not name.strip():
            errors.add("name", "required", "Name must not be blank.")
        errors.raise_if_any()
        secret = auth.generate_api_key()
        key = StaffKey(
            id=new_id("key"),
            digest=auth.api_key_digest(secret),
            name=name.strip(),
            roles=frozenset(roles),
            created_at=self.clock.now(),
            created_by=created_by,
        )
        self.keys.add(key)
        return key, secret

    def list_keys(self) -> list[StaffKey]:
        return self.keys.list()

    def revoke_key(self, key_id: str) -> None:
        if not self.keys.revoke(key_id):
            raise NotFound("No such API key.")

    def bootstrap_admin_key(self, secret: str, stage: str) -> StaffKey:
        """The local stage's well-known admin key. Idempotent; refused on any other stage."""
        if stage != "local":
            raise Forbidden(f"A bootstrap admin key is only allowed on the local stage, not {stage!r}.")
        digest = auth.api_key_digest(secret)
        existing = self.keys.get_by_digest(digest)
        if existing is not None:
            return existing
        key = StaffKey(
            id=new_id("key"),
            digest=digest,
            name=BOOTSTRAP_KEY_NAME,
            roles=frozenset({"admin"}),
            created_at=self.clock.now(),
        )
        try:
            self.keys.add(key)
        except Conflict:
            found = self.keys.get_by_digest(digest)
            if found is None:
                raise
            return found
        return key
