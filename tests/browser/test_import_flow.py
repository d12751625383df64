"""Importing in a browser: paste or upload, then accept, reject or edit each suggestion in place."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from factcheck.claims.models import Article, Suggestion
from tests.browser.conftest import REVIEWER, log_in
from tests.browser.test_review_flow import assert_same_page, mark_page

TITLE = "Dam holds as Vellmar evacuates"
DAM = "the dam would hold until Sunday"
HOMES = "300 homes had been evacuated overnight"
SANDBAGS = "About 4,500 sandbags were laid along the river"
STORY = (
    "Rain kept falling in Vellmar. "
    f"The Valley Courier reported that the regional water board said {DAM}. "
    f"A fire brigade spokesman told reporters that {HOMES}. "
    f"{SANDBAGS}."
)
EDITED_CHAIN = ["Vellmar Fire Brigade", "A fire brigade spokesman"]

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry strike ends · Harbour Gazette</title></head>
<body>
<header><nav>
  <a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather forecast</a>
</nav></header>
<main><article>
<h1>Ferry strike ends after two weeks</h1>
<p>The ferry strike in Kessby ended on Monday.</p>
<p>Nordic Wire reported that the transport minister said the crews would get a 6 percent raise.</p>
<p>A union spokeswoman told reporters that the first boats would sail at dawn.</p>
</article></main>
<footer>
  <p>Subscribe to our newsletter for daily headlines.</p>
  <p>© 2025 Harbour Gazette. All rights reserved.</p>
</footer>
</body></html>
"""
ARTICLE_PARAGRAPHS = [
    "The ferry strike in Kessby ended on Monday.",
    "Nordic Wire reported that the transport minister said the crews would get a 6 percent raise.",
    "A union spokeswoman told reporters that the first boats would sail at dawn.",
]
PAGE_JUNK = ["Home", "Sport", "Weather forecast", "Subscribe", "newsletter", "All rights reserved"]

STATE_CLASS = {state: re.compile(rf"\bstate-{state}\b") for state in Suggestion.State.values}


def open_import(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an article")


def paste_story(page: Page, title: str = TITLE, text: str = STORY) -> None:
    """Fill in the import form with pasted text and submit it."""
    page.get_by_label("Title").fill(title)
    page.get_by_label("Text").fill(text)
    page.get_by_role("button", name="Import and suggest claims").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested claims")


def card(page: Page, suggestion: Suggestion) -> Locator:
    return page.locator(f"#suggestion-{suggestion.pk}")


def marked(page: Page, passage: str, state: str) -> Locator:
    """The suggestion's passage as marked in the article text, named after its state."""
    return page.get_by_role("link", name=f"{passage} ({state} suggestion)", exact=True)


def lines_read(text: Locator) -> list[str]:
    """The lines of the article text as a sighted reader sees them, without the marks' state notes."""
    shown = text.evaluate(
        "el => { const copy = el.cloneNode(true);"
        " copy.querySelectorAll('.visually-hidden').forEach((note) => note.remove());"
        " return copy.textContent; }"
    )
    return [line for line in shown.splitlines() if line.strip()]


def expect_decided(page: Page, suggestion: Suggestion, passage: str, state: str) -> None:
    expect(card(page, suggestion)).to_have_class(STATE_CLASS[state])
    expect(card(page, suggestion).locator("strong")).to_have_text(state.capitalize())
    expect(marked(page, passage, state)).to_have_class(STATE_CLASS[state])


@pytest.mark.browser
def test_reviewer_imports_and_decides_suggestions_in_place(page: Page, demo):
    log_in(page, *REVIEWER)
    open_import(page)
    paste_story(page)

    expect(page.get_by_role("status")).to_have_text(f"Imported “{TITLE}”: 3 suggested claims to review.")
    dam, homes, sandbags = Article.objects.get(title=TITLE).suggestions.all()
    for passage in (DAM, HOMES, SANDBAGS):
        expect(marked(page, passage, "pending")).to_have_class(STATE_CLASS["pending"])
    expect(page.locator("article.suggestion")).to_have_count(3)
    expect(card(page, dam).locator("mark")).to_have_text(DAM)
    expect(card(page, dam).locator(".chain li")).to_have_text(
        ["This article", re.compile("^The Valley Courier"), re.compile("^the regional water board")]
    )
    expect(card(page, sandbags)).to_contain_text("Nobody: the article's own statement.")
    mark_page(page)

    card(page, dam).get_by_role("button", name="Accept", exact=True).click()
    expect_decided(page, dam, DAM, "accepted")
    expect(card(page, dam).get_by_role("link", name="in the queue")).to_be_visible()
    expect(card(page, dam).locator("h2")).to_be_focused()  # focus stays on the card just decided
    expect(page.get_by_text("3 suggested, 2 still to decide.")).to_be_visible()
    expect(
        page.get_by_role("button", name=re.compile(r"Accept the \d confident suggestions?"))
    ).to_be_visible()
    card(page, sandbags).get_by_role("button", name="Reject", exact=True).click()
    expect_decided(page, sandbags, SANDBAGS, "rejected")
    expect(marked(page, HOMES, "pending")).to_have_class(STATE_CLASS["pending"])

    card(page, homes).get_by_text("Edit before accepting").click()
    chain = card(page, homes).get_by_role("textbox", name="Attribution chain")
    expect(chain).to_have_value("A fire brigade spokesman")
    chain.fill(" > ".join(EDITED_CHAIN))
    card(page, homes).get_by_role("button", name="Save and accept").click()
    expect_decided(page, homes, HOMES, "accepted")
    expect(card(page, homes).locator(".chain li")).to_have_text(
        ["This article", *[re.compile(f"^{re.escape(name)}") for name in EDITED_CHAIN]]
    )
    assert_same_page(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    # The article is picked by typing part of its title: the select offers what matches, not every article.
    page.get_by_role("searchbox", name="Find an article").press_sequentially(TITLE.split()[-1][:6], delay=30)
    expect(page.locator("#id_article option", has_text=TITLE)).to_have_count(1)
    page.get_by_label("Article:").select_option(label=TITLE)
    rows = page.locator("#queue-results tr[data-row]")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(DAM)
    expect(rows.nth(0).locator(".chain li")).to_have_text(["The Valley Courier", "the regional water board"])
    expect(rows.nth(1)).to_contain_text(HOMES)
    expect(rows.nth(1).locator(".chain li")).to_have_text(EDITED_CHAIN)
    expect(rows).to_contain_text(["Unverified", "Unverified"])
    expect(page.locator("#queue-results")).not_to_contain_text("sandbags")


@pytest.mark.browser
def test_uploaded_html_page_is_imported_without_its_navigation_and_footer(page: Page, demo, tmp_path):
    upload = tmp_path / "ferry-strike.html"
    upload.write_text(ARTICLE_HTML, encoding="utf-8")
    log_in(page, *REVIEWER)
    open_import(page)
    page.get_by_label("Title").fill("Ferry strike ends")
    page.get_by_label("Or upload a file").set_input_files(upload)
    page.get_by_role("button", name="Import and suggest claims").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested claims")
    article = Article.objects.get(title="Ferry strike ends")
    text = page.locator(f"#suggested-text-{article.pk}")
    expect(marked(page, "the crews would get a 6 percent raise", "pending")).to_be_visible()
    assert lines_read(text) == ["Ferry strike ends after two weeks", *ARTICLE_PARAGRAPHS]
    main = page.get_by_role("main")
    for junk in PAGE_JUNK:
        expect(main).not_to_contain_text(junk)


@pytest.mark.browser
def test_importing_the_same_text_again_opens_the_first_import(page: Page, demo):
    log_in(page, *REVIEWER)
    open_import(page)
    paste_story(page)
    first_url = page.url

    open_import(page)
    paste_story(page, title="Vellmar floods, again")

    expect(page).to_have_url(first_url)
    expect(page.get_by_role("status")).to_have_text(
        f"This article was imported before, as “{TITLE}”: nothing was added."
    )
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.locator("article.suggestion")).to_have_count(3)
    assert Article.objects.filter(text=STORY).count() == 1
    assert not Article.objects.filter(title="Vellmar floods, again").exists()


@pytest.mark.browser
def test_import_and_suggestions_pages_run_under_the_content_security_policy(page: Page, page_problems, demo):
    log_in(page, *REVIEWER)
    response = page.goto(reverse("claims:import"))
    assert "style-src 'self'" in response.headers["content-security-policy"]

    paste_story(page)
    dam, homes, _ = Article.objects.get(title=TITLE).suggestions.all()
    mark_page(page)
    card(page, dam).get_by_role("button", name="Accept", exact=True).click()
    expect_decided(page, dam, DAM, "accepted")
    card(page, homes).get_by_text("Edit before accepting").click()
    expect(card(page, homes).get_by_role("textbox", name="Attribution chain")).to_be_visible()
    assert_same_page(page)
    assert page_problems == []


@pytest.mark.browser
def test_the_desk_checks_statements_first_and_accepts_only_those(page: Page, demo):
    log_in(page, *REVIEWER)
    open_import(page)
    vow = "to keep the ferry running all winter"
    closure = "the north pier would close in May"
    paste_story(page, "Pier to close", f"The harbour board said {closure}. Mayor Ilse Brandt vowed {vow}.")
    expect(page.locator("article.suggestion")).to_have_count(2)
    page.get_by_role("navigation", name="Kinds of suggested claims").get_by_role(
        "link", name=re.compile("^statements and findings")
    ).click()
    expect(page.locator("article.suggestion")).to_have_count(1)
    expect(page.locator("article.suggestion mark")).to_have_text(closure)
    expect(page.locator("article.suggestion")).to_contain_text("(statement)")
    page.get_by_role("button", name=re.compile(r"Accept the 1 confident suggestion shown")).click()
    article = Article.objects.get(title="Pier to close")
    assert list(article.claims.values_list("text", flat=True)) == [closure]
    assert article.suggestions.get(cue_class="intention").state == Suggestion.State.PENDING
