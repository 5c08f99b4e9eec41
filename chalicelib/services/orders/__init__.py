"""Orders, one concern per module: ``checkout`` (cart to order and payment intent),
``payment_events`` (Stripe's facts applied once), ``actions`` (reads, customer
and staff actions), ``fulfillment`` (shipping and tracking), ``jobs`` (the
scheduled sweeps). ``changes`` is the one way an order is changed: the freshest
order, a decision, a version-guarded write with its outbox events, retried on a
concurrent change. Refunds are their own service (``services/refunds.py``)."""
