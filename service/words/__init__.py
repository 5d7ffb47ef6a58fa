"""The product's text in Dutch and English, as data: ``<domain>/<language>.toml`` files.

Domains: ``critique`` (feedback on a story), ``interview`` (the beats' questions),
``structures`` (story-structure headings) and ``ui`` (the web pages).
"""

from .catalog import MissingWords, Words, domains, load_words

__all__ = ["MissingWords", "Words", "domains", "load_words"]
