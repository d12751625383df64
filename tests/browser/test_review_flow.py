"""What only a browser can show: in-place swaps, the keyboard, the CSP and hostile text staying inert."""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Locator, Page, expect

from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Claim
from tests.browser.conftest import EDITOR, PERSONA_PASSWORD, REVIEWER, SCREENSHOT, log_in
from tests.factories import make_article, make_claim, make_source

FLED = "General Manaf Mustafa Tlass has fled to Turkey"
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


def mark_page(page: Page) -> None:
    """Set a flag that only a full page load would wipe."""
    page.evaluate("window.__marker = 1")


def assert_same_page(page: Page) -> None:
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"


def panel_of(page: Page, claim: Claim) -> Locator:
    """The claim's panel, once it has been swapped in and focus has moved to its heading."""
    expect(page.locator(f"#claim-heading-{claim.pk}")).to_be_focused()
    return page.locator(f"#claim-panel-{claim.pk}")


def open_claim(page: Page, claim: Claim) -> Locator:
    """Click the claim's highlight in the text and return its panel."""
    page.get_by_role("link", name=claim.text).click()
    return panel_of(page, claim)


def history_of(page: Page, claim: Claim) -> Locator:
    """The panel's history, scrolled into view, where a decision's reply has the panel fetch it."""
    page.locator(f"#history-{claim.pk}").evaluate("element => element.scrollIntoView()")
    return page.locator(f"#history-{claim.pk} .history")


def highlight(page: Page, claim: Claim) -> Locator:
    return page.locator(f"a.claim[data-claim='{claim.pk}']")


STATUS_CLASS = {status: re.compile(rf"\bstatus-{status}\b") for status in Claim.Status.values}


@pytest.mark.browser
def test_reviewer_disputes_claim_in_place_and_it_persists(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    note = "Syriasteps is the regime's site; nobody else saw him cross."
    log_in(page, *REVIEWER)
    page.get_by_role("link", name=demo.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.title)
    mark_page(page)

    panel = open_claim(page, claim)
    expect(panel.locator("blockquote")).to_have_text(FLED)
    expect(page).to_have_url(re.compile(rf"\?claim={claim.pk}$"))
    panel.get_by_label("Note").fill(note)
    panel.get_by_role("button", name="Dispute", exact=True).click()

    expect(panel.locator(".status")).to_have_text("✗ Disputed")
    expect(highlight(page, claim)).to_have_class(STATUS_CLASS["disputed"])
    expect(page.locator(f"#progress-text-{demo.pk}")).to_have_text(
        "1 of 22 claims reviewed (5%): 0 confirmed, 1 disputed, 21 unverified."
    )
    expect(page.locator("#unverified-count")).to_have_text("21 unverified")
    assert_same_page(page)

    page.reload()
    expect(panel.locator(".status")).to_have_text("✗ Disputed")
    expect(highlight(page, claim)).to_have_class(STATUS_CLASS["disputed"])
    entry = panel.locator(".history li")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("reviewer")
    expect(entry).to_contain_text("unverified → disputed")
    expect(entry.locator(".note")).to_have_text(note)
    if os.environ.get("UPDATE_SCREENSHOTS"):  # `make screenshots` refreshes the README's picture
        page.screenshot(path=SCREENSHOT)


@pytest.mark.browser
def test_after_a_decision_the_panel_fetches_its_history_evidence_and_withdraw_form(
    page: Page, page_problems, demo
):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    mark_page(page)
    panel = open_claim(page, claim)
    panel.get_by_label("Note").fill("Nobody else saw him cross.")
    panel.get_by_role("button", name="Dispute", exact=True).click()

    expect(panel.locator(".status")).to_have_text("✗ Disputed")
    # What the reply left out as unchanged is still on screen: the claim and whom it is attributed to.
    expect(panel.locator("blockquote")).to_have_text(FLED)
    expect(panel.locator(".chain li").first).to_have_text("This article")
    hops = Claim.objects.with_chain().get(pk=claim.pk).chain
    expect(panel.locator(".chain li")).to_have_count(1 + len(hops))
    # The history comes once it is in view, with the decision just made.
    expect(history_of(page, claim).locator("li")).to_have_count(1)
    expect(history_of(page, claim).locator("li")).to_contain_text("unverified → disputed")

    panel.locator("summary", has_text="Evidence").click()
    panel.get_by_label("Evidence URL").fill("https://example.org/border-log")
    panel.get_by_label("Note").fill("The border log shows him crossing.")
    panel.get_by_role("button", name="Confirm", exact=True).click()
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")
    expect(history_of(page, claim).locator("li")).to_have_count(2)
    expect(history_of(page, claim)).to_contain_text("https://example.org/border-log")
    assert_same_page(page)

    panel.locator("summary", has_text="Withdraw").click()
    panel.get_by_label("Why it is no claim").fill("A caption, not a claim")
    panel.get_by_role("button", name="Withdraw", exact=True).click()
    expect(page.locator(f"#claim-panel-{claim.pk}")).to_contain_text("Withdrawn: not a claim")
    claim.refresh_from_db()
    assert claim.withdrawn
    evidence = list(claim.reviews.values_list("evidence_url", flat=True))
    assert evidence == ["", "https://example.org/border-log", ""]
    assert page_problems == []


@pytest.mark.browser
def test_after_a_decision_the_kept_buttons_and_edit_link_still_work(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    mark_page(page)
    panel = open_claim(page, claim)

    page.keyboard.press("c")
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")
    expect(panel.get_by_role("heading", name="Claim")).to_be_focused()
    page.keyboard.press("u")
    expect(panel.locator(".status")).to_have_text("? Unverified")
    panel.get_by_role("button", name="Confirm", exact=True).click()
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")
    page.keyboard.press("e")
    expect(panel.get_by_role("heading", name="Edit the claim")).to_be_visible()
    assert_same_page(page)
    statuses = list(claim.reviews.values_list("new_status", flat=True))
    assert statuses == ["confirmed", "unverified", "confirmed"]


@pytest.mark.browser
def test_dispute_without_note_is_refused_and_focuses_the_note(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    mark_page(page)
    panel = open_claim(page, claim)

    panel.get_by_role("button", name="Dispute", exact=True).click()

    expect(panel.locator(".errorlist")).to_contain_text("a note is required")
    expect(panel.get_by_label("Note")).to_be_focused()
    expect(panel.locator(".status")).to_have_text("? Unverified")
    expect(highlight(page, claim)).to_have_class(STATUS_CLASS["unverified"])
    assert_same_page(page)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("unverified", 1)
    assert not claim.reviews.exists()


@pytest.mark.browser
def test_reviewer_reviews_with_the_keyboard_only(page: Page, demo):
    first, second = demo.claims.order_by("start")[:2]
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    mark_page(page)
    keyboard = page.keyboard

    keyboard.press("j")
    panel_of(page, first)
    keyboard.press("j")
    panel_of(page, second)
    keyboard.press("k")
    panel = panel_of(page, first)

    keyboard.press("n")
    note = panel.get_by_label("Note")
    expect(note).to_be_focused()
    keyboard.type("Damascus sites deny it; just one source.")
    keyboard.press("Escape")
    expect(panel.get_by_role("heading", name="Claim")).to_be_focused()
    keyboard.press("d")
    expect(panel.locator(".status")).to_have_text("✗ Disputed")
    expect(highlight(page, first)).to_have_class(STATUS_CLASS["disputed"])

    keyboard.press("j")
    panel = panel_of(page, second)
    keyboard.press("c")
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")
    expect(highlight(page, second)).to_have_class(STATUS_CLASS["confirmed"])
    expect(page.locator(f"#progress-text-{demo.pk}")).to_contain_text("2 of 22 claims reviewed")
    assert_same_page(page)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("disputed", "confirmed")
    assert first.reviews.get().note == "Damascus sites deny it; just one source."


@pytest.mark.browser
def test_keys_pressed_before_the_panel_arrives_never_decide_the_claim_left_behind(page: Page, demo):
    claims = list(demo.claims.order_by("start")[:4])
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    page.keyboard.press("j")
    panel_of(page, claims[0])

    # Faster than the server answers: each j moves on from the claim asked for, not the one on screen.
    for key in "jjjc":
        page.keyboard.press(key)

    panel_of(page, claims[3])
    expect(page).to_have_url(re.compile(rf"\?claim={claims[3].pk}$"))
    page.wait_for_load_state("networkidle")
    # The c either waited for the panel it was meant for or was dropped: it never hit claims[0].
    assert not Claim.objects.filter(pk__in=[c.pk for c in claims[:3]]).exclude(status="unverified").exists()


@pytest.mark.browser
def test_second_reviewer_is_told_who_decided_first_and_nothing_is_overwritten(
    new_context, demo, second_reviewer
):
    claim = demo.claims.get(text=FLED)
    first, second = new_context().new_page(), new_context().new_page()
    log_in(first, *REVIEWER)
    log_in(second, second_reviewer.username, PERSONA_PASSWORD)
    for page in (first, second):
        page.goto(demo.get_absolute_url())
    first_panel, second_panel = open_claim(first, claim), open_claim(second, claim)

    first_panel.get_by_role("button", name="Confirm", exact=True).click()
    expect(first_panel.locator(".status")).to_have_text("✓ Confirmed")
    second_panel.get_by_label("Note").fill("The Turkish side never named him.")
    second_panel.get_by_role("button", name="Dispute", exact=True).click()

    conflict = second_panel.get_by_role("alert")
    expect(conflict).to_contain_text("Not saved. reviewer changed this claim from unverified to confirmed")
    expect(second_panel.locator(".status")).to_have_text("✓ Confirmed")
    expect(highlight(second, claim)).to_have_class(STATUS_CLASS["confirmed"])
    expect(second_panel.get_by_label("Note")).to_have_value("The Turkish side never named him.")
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    assert list(claim.reviews.values_list("reviewer__username", "new_status")) == [("reviewer", "confirmed")]


@pytest.mark.browser
def test_pages_and_admin_run_under_the_content_security_policy(page: Page, page_problems, demo):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    response = page.goto(demo.get_absolute_url())
    assert "style-src 'self'" in response.headers["content-security-policy"]
    open_claim(page, claim)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    mark_page(page)
    page.get_by_label("Search").fill("Guardian")
    expect(page).to_have_url(re.compile(r"[?&]q=Guardian(&|$)"))
    rows = page.locator("#queue-results tr[data-row]")
    expect(rows).to_have_count(5)
    for row in rows.all():
        expect(row).to_contain_text("The Guardian")
    assert_same_page(page)
    assert page_problems == []

    page.get_by_role("button", name="Log out").click()
    log_in(page, *EDITOR)
    page.get_by_role("link", name="Admin").click()
    expect(page.get_by_role("heading", name="Newsroom")).to_be_visible()
    page.locator("#claims-claim").get_by_role("link", name="Claims").click()
    expect(page.get_by_role("heading", name="Select claim to change")).to_be_visible()
    page.get_by_role("link", name=FLED).click()
    expect(page.get_by_role("heading", name="Change claim")).to_be_visible()
    assert page_problems == []


@pytest.mark.browser
def test_hostile_text_stays_inert(page: Page, page_problems, demo):
    article = make_article(title=f"Pier {HOSTILE}", text=f"The mayor said {HOSTILE} and left.")
    claim = make_claim(
        article=article,
        start=article.text.index("<script>"),
        end=article.text.index(" and left"),
        chain=[make_source(name=f"Harbour {HOSTILE}")],
    )
    reviewer = get_user_model().objects.get(username=REVIEWER[0])
    record_decision(claim=claim, reviewer=reviewer, status="disputed", note=f"No {HOSTILE}", version=1)
    log_in(page, *REVIEWER)
    page.goto(article.get_absolute_url())

    panel = open_claim(page, claim)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pier {HOSTILE}")
    expect(highlight(page, claim)).to_contain_text("<script>")
    expect(panel.locator("blockquote")).to_have_text(HOSTILE)
    expect(panel).to_contain_text(f"Harbour {HOSTILE}")
    expect(panel.locator(".history .note")).to_have_text(f"No {HOSTILE}")
    expect(page.locator("img")).to_have_count(0)
    expect(page.locator("body script")).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # Escaping, not the CSP, kept it inert: nothing even tried to run.
    assert page_problems == []
