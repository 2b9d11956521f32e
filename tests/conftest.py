"""Fixtures shared across test modules."""

from tests.mr import serve  # noqa: F401  (a fixture: a local HTTP server holding an MR archive)
