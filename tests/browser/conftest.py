"""Playwright drives Chromium (Debian's, else its own) against pytest-django's live server."""

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from factcheck.claims.demo import load_demo
from tests.browser.chromium import NoChromium, find_chromium

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests and fixtures are
# still synchronous, so Django's async guard would refuse them (djangoproject.com's EndToEndTests).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE = Path(__file__).resolve().parents[2]
SCREENSHOT = BASE / "docs" / "article-page.png"
VIEWPORT = {"width": 1280, "height": 900}

REVIEWER = ("reviewer", "review-the-claims")  # from factcheck.claims.demo
EDITOR = ("editor", "edit-the-desk")
PERSONA_PASSWORD = "a-long-test-password"  # tests/conftest.py gives it to alice, bob, erin…

# Records every CSP violation into a binding that survives navigations (CDP scripts bypass CSP).
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type):
    try:
        chromium = find_chromium(Path(browser_type.executable_path))
    except NoChromium as missing:
        pytest.fail(str(missing), pytrace=False)
    return {
        "executable_path": str(chromium),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, sharing the test database's connection one request at a time."""
    # Set up before the test database (pytest-django's order), the server misses the in-memory SQLite
    # connection it should share, and each request thread opens, and leaks, a connection of its own.
    # Shared, the connection must not be used by two request threads at once ("bad parameter or
    # other API misuse"), as when a reviewer presses j three times faster than the server answers.
    httpd = live_server.thread.httpd
    httpd.set_app(one_at_a_time(httpd.get_app()))
    return live_server


def one_at_a_time(app):
    """Wrap a WSGI app so that requests run one after another, response body and close included."""
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            response = app(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return [body]

    return serialised


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    # Also replaces pytest-playwright 0.10's own fallback fixture, a plugin-instance method that
    # pytest 9 warns about (PytestRemovedIn10Warning), which filterwarnings=error turns into an error.
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture
def demo(transactional_db):
    """The demo article with its 22 claims, and the demo reviewer and editor."""
    article, _ = load_demo()
    return article


@pytest.fixture
def page_problems(page: Page) -> list[str]:
    """Collects CSP violation events, console errors and uncaught exceptions on `page`."""
    problems: list[str] = []
    page.expose_function("__reportCsp", lambda text: problems.append(f"CSP: {text}"))
    page.add_init_script(REPORT_CSP)

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            problems.append(f"console: {msg.text} ({msg.location['url']})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    return problems


def log_in(page: Page, username: str, password: str) -> None:
    """Log in through the login form and land on the articles list."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Articles", level=1)).to_be_visible()
