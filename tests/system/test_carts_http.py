"""The cart behaviour of tests/integration/test_carts_api.py, over real HTTP
against DynamoDB Local (the same test bodies, the system tier's `api`)."""

from tests.integration.test_carts_api import *  # noqa: F403
