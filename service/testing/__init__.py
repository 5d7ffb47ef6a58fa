"""Test doubles shipped with the package, so the benches and the tests share one copy.

In the spirit of pydantic-ai's ``TestModel``: a double that a benchmark or a downstream
project can use without the repository's ``tests/`` folder on the path. Nothing in the
service imports this package; a deployment never uses it.
"""

from .embedder import HashingEmbedder

__all__ = ["HashingEmbedder"]
