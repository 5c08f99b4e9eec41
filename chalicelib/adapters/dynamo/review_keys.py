"""DynamoDB keys of the reviews context (ADR 0020); the shared scheme is in keys.py."""

from __future__ import annotations


# The review beside its lines' index entries.
def review(review_id: str) -> tuple[str, str]:
    return f"REVIEW#{review_id}", "REVIEW"


def review_line(review_id: str, sku: str) -> tuple[str, str]:
    """A published review's line: its product's review list (GSI1), by rating (GSI2)."""
    return f"REVIEW#{review_id}", f"LINE#{sku}"


def product_reviews(product_id: str, rating: int | None = None) -> str:
    return f"PRODUCT#{product_id}#REVIEWS" + (f"#{rating}" if rating is not None else "")


def reviews_by_status(status: str) -> str:
    return f"REVIEWS#{status}"  # GSI2 of the reviews; GSI3: all of them (REVIEWS_PK) by creation (ms)


def customer_reviews(customer_id: str) -> str:
    return f"CUSTOMER#{customer_id}#REVIEWS"  # GSI1: a customer's reviews (export, erasure)


REVIEWS_PK = "REVIEWS"


def review_reward(customer_id: str) -> tuple[str, str]:
    return f"CUSTOMER#{customer_id}", "REVIEW_REWARD"


def store_rating(day: str) -> tuple[str, str]:
    return "DSR", f"DAY#{day}"  # and DAY#LATEST, a copy of the newest
