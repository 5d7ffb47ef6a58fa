"""Take the README's screenshots from the seeded demo, so the pictures show what the code does.

    python docs/screenshots.py            # writes docs/img/*.png (about half a minute)

The demo is laid down as ``make run`` lays it down (the demo corpus ingested with the real
embedding model, a key per role, the seven weeks of history replayed through the use cases)
and served the way the browser tests serve it (``tests/helpers/live_server.py``: uvicorn in a
thread, in a throwaway data folder). Debian's chromium, driven by Playwright, signs in as each
role and takes the pages a five-minute tour shows. No page here calls the language model.
Needs the dev install (``make test`` makes it) and ``apt-get install chromium``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere: the checkout's service/ and tests/helpers/

from service.demo import seed_history  # noqa: E402
from service.knowledge import KnowledgeBase  # noqa: E402
from service.knowledge.embeddings import load_embedder  # noqa: E402
from service.knowledge.vector_store import VectorStore  # noqa: E402
from service.review.rubrics import review_rubrics  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.store import Role  # noqa: E402
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS  # noqa: E402
from tests.helpers.live_server import LiveServer, serve  # noqa: E402

ORG = "demo"
"""The organisation ``make run`` seeds."""
OUT = ROOT / "docs" / "img"
WIDTH = 1200
EMBEDDING_MODEL = "use-multilingual"
"""The default embedding model, so search on the pages ranks as the product does."""


@dataclass(frozen=True)
class Shot:
    """One picture: who is signed in, how to get to the page, and the file it goes to."""

    name: str
    role: Role
    open_page: Callable[[Any, str], None]
    about: str
    height: int = 900
    """The window's height: tall enough for what the picture is about, no taller."""


def first_story_with_questions(page: Any, url: str) -> None:
    """A member opens the Stories page and the first leader's story on it."""
    page.goto(f"{url}/stories?lang=en")
    page.locator("main a[href^='/stories/']").first.click()
    page.wait_for_url(f"{url}/stories/*")


def first_lesson_in_review(page: Any, url: str) -> None:
    """A reviewer opens the review queue and the first lesson waiting in it."""
    page.goto(f"{url}/review?lang=en")
    page.locator("main a[href^='/lessons/']").first.click()
    page.wait_for_url(f"{url}/lessons/*")


def analytics(page: Any, url: str) -> None:
    page.goto(f"{url}/analytics?lang=en")


SHOTS = (
    Shot("story", Role.MEMBER, first_story_with_questions, "a team member reads a story", 1500),
    Shot("review", Role.REVIEWER, first_lesson_in_review, "L&D reviews a lesson"),
    Shot("analytics", Role.REVIEWER, analytics, "how the programme is doing"),
)


def sign_in(browser: Any, live: LiveServer, shot: Shot) -> Any:
    page = browser.new_context(viewport={"width": WIDTH, "height": shot.height}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{live.url}/signin?lang=en")
    page.fill("input[name=key]", live.keys[shot.role])
    page.click("form[action='/signin'] button[type=submit]")
    page.wait_for_url(f"{live.url}/")
    return page


def take(out: Path, shots: tuple[Shot, ...] = SHOTS) -> list[Path]:
    """Seed the demo in a throwaway folder, serve it, and write one PNG per shot into ``out``."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as data:
        # No .env from the developer's checkout: the demo as a fresh clone serves it.
        settings = Settings(  # type: ignore[call-arg]  # _env_file: a pydantic-settings argument
            data_dir=Path(data), embedding_model=EMBEDDING_MODEL, _env_file=None
        )
        knowledge = KnowledgeBase(VectorStore.open(settings), load_embedder(EMBEDDING_MODEL))
        for live in serve(settings, knowledge, None, org=ORG):
            seed_history(live.database, ORG, knowledge, review_rubrics(settings.rubrics_dir))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for shot in shots:
                    page = sign_in(browser, live, shot)
                    shot.open_page(page, live.url)
                    page.wait_for_load_state("networkidle")
                    path = out / f"{shot.name}.png"
                    page.screenshot(path=str(path), full_page=False)
                    written.append(path)
                    print(f"{path}: {shot.about}")
                browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    take(parser.parse_args().out)


if __name__ == "__main__":
    main()
