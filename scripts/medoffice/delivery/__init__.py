"""Delivery: put finished outputs in place safely (atomic writes, earlier outputs kept).

Inputs are never touched here; only files the program itself produced are written.
"""

from .outbox import OutputBlocked, sha256_of, write_output, write_outputs

__all__ = ["OutputBlocked", "sha256_of", "write_output", "write_outputs"]
