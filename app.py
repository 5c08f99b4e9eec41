"""Chalice entry point: middleware and blueprints only. Routes live in
chalicelib/api, queue workers and schedules in chalicelib/workers."""

from chalice.app import Chalice

from chalicelib import api, observability, workers

# Our logging first: Chalice would set the "commerce" logger to ERROR, unpropagated.
observability.setup_logging()
app = Chalice(app_name="commerce", configure_logs=False)
api.register(app)
workers.register(app)
