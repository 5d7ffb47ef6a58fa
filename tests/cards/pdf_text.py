"""Reading a PDF back as a person's tools would: poppler's ``pdfinfo`` and ``pdftotext``.

Poppler is for the tests only (``apt-get install poppler-utils``; ``.ci/run`` installs it);
the service itself draws PDFs with ReportLab from PyPI alone. Skipped, with the reason, where
poppler is missing outside CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (poppler-utils)")
        pytest.skip(f"{tool} is missing: `apt-get install poppler-utils` to read PDFs back")
    return found


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            [_poppler(tool), *args, str(path), "-"]
            if tool == "pdftotext"
            else [_poppler(tool), str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    return done.stdout


def page_count(pdf: bytes) -> int:
    """The number of pages, as ``pdfinfo`` reads it."""
    found = re.search(r"^Pages:\s+(\d+)$", _run("pdfinfo", pdf), re.MULTILINE)
    assert found, "pdfinfo named no page count"
    return int(found.group(1))


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    """The first page's width and height in millimetres."""
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", pdf), re.MULTILINE)
    assert found, "pdfinfo named no page size"
    return float(found.group(1)) * 25.4 / 72, float(found.group(2)) * 25.4 / 72


def pdf_text(pdf: bytes) -> str:
    """The text ``pdftotext`` reads, with every run of white space made one space (a line
    break in the PDF is where the layout wrapped, not part of the text)."""
    return " ".join(_run("pdftotext", pdf, "-enc", "UTF-8").split())


def flat(text: str) -> str:
    """``text`` with white space made single spaces, to compare with ``pdf_text``."""
    return " ".join(text.split())
