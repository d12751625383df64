"""A review interrupted by the server: the session ends, or a request is refused. Nothing typed is lost."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.conftest import PERSONA_PASSWORD, REVIEWER, log_in
from tests.browser.test_review_flow import FLED, open_claim

NOTE = "The Turkish border agency has no record of him crossing."


@pytest.mark.browser
def test_logged_out_in_another_tab_the_reviewer_logs_in_and_is_back_on_the_claim_with_the_note(
    page: Page, demo
):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    panel = open_claim(page, claim)
    panel.get_by_label("Note").fill(NOTE)

    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Log out").click()
    expect(other_tab.get_by_role("heading", name="Log in")).to_be_visible()
    other_tab.close()

    panel.get_by_role("button", name="Dispute", exact=True).click()
    # The whole page goes to the login: the login form is not swapped into the claim panel.
    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible()
    expect(page.locator(".claim-panel")).to_have_count(0)
    page.get_by_label("Username").fill(REVIEWER[0])
    page.get_by_label("Password").fill(REVIEWER[1])
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(rf"/articles/{demo.pk}/\?claim={claim.pk}#claim-{claim.pk}$"))
    panel = page.locator(f"#claim-panel-{claim.pk}")
    expect(panel.get_by_label("Note")).to_have_value(NOTE)
    expect(panel).to_contain_text("not saved")
    panel.get_by_role("button", name="Dispute", exact=True).click()
    expect(panel.locator(".status")).to_have_text("✗ Disputed")
    expect(panel.locator(".history .note")).to_have_text(NOTE)


@pytest.mark.browser
def test_a_note_left_by_one_account_is_never_offered_to_another(page: Page, demo, second_reviewer):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    open_claim(page, claim).get_by_label("Note").fill(NOTE)
    page.context.clear_cookies()  # the session ends

    page.goto(f"/accounts/login/?next=/claims/{claim.pk}/")
    page.get_by_label("Username").fill(second_reviewer.username)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    panel = page.locator(f"#claim-panel-{claim.pk}")
    expect(panel.get_by_label("Note")).to_have_value("")
    expect(panel).not_to_contain_text("not saved")


@pytest.mark.browser
def test_a_refused_decision_says_why_in_the_panel_and_keeps_the_note(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    panel = open_claim(page, claim)
    panel.get_by_label("Note").fill(NOTE)
    get_user_model().objects.get(username=REVIEWER[0]).groups.clear()  # an editor took the role away

    panel.get_by_role("button", name="Dispute", exact=True).click()
    expect(panel.get_by_role("alert")).to_contain_text("Your account has no role yet")
    expect(panel.get_by_label("Note")).to_have_value(NOTE)
    expect(panel.locator(".status")).to_have_text("? Unverified")
    claim.refresh_from_db()
    assert claim.status == "unverified"
