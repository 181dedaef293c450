"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser build here, so the journeys launch the system Chromium
(BOKS_CHROMIUM, default /usr/bin/chromium). Screenshots land in build/screenshots/.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = os.environ.get("BOKS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="package")
def browser():
    require(
        Path(CHROMIUM).exists(),
        f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) or set BOKS_CHROMIUM",
    )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread while it is open; the ORM
    # calls made there (fixtures, assertions) are still plain synchronous calls, so Django's async
    # guard is lifted for exactly as long as the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every journey doubles as a check of the Content-Security-Policy: whatever the browser refuses
    # (an inline script or style, a foreign source) would silently break a screen for real users.
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert not refused, f"the browser refused content under the Content-Security-Policy: {refused}"


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
