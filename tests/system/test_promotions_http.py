"""Promotions, coupons and shipping over real HTTP against DynamoDB Local: the
test bodies of tests/integration/test_promotions_api.py."""

from tests.integration.test_promotions_api import *  # noqa: F403
