"""Chalice entry point: middleware and blueprints only. Routes live in
chalicelib/api, queue workers and schedules in chalicelib/workers."""

from chalice import Chalice

from chalicelib import api, workers

app = Chalice(app_name="commerce")
api.register(app)
workers.register(app)
