"""Benchmarks (`make bench`): figures and ratios, never assertions."""
