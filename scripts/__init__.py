"""Operator tools run from a workstation against a deployed stage (never bundled)."""
