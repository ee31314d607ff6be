"""Benchmarks: ``python -m bench`` runs the side-by-side figures (see BENCHMARKS.md)."""
