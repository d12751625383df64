"""Benchmarks of the app as served: `python -m bench.web` (see docs/benchmarks.md)."""
