"""The editors' dashboard in a browser: opened from the header, its chart drawn under the CSP, and the
period switched by its links."""

import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Review
from tests.browser.conftest import BASE, EDITOR, log_in

FLED = "General Manaf Mustafa Tlass has fled to Turkey"


def test_editor_opens_the_dashboard_and_switches_the_period(page: Page, demo, page_problems):
    reviewer = get_user_model().objects.get(username="reviewer")
    fled = demo.claims.get(text=FLED)
    record_decision(claim=fled, reviewer=reviewer, status="disputed", note="Turkey denies it.", version=1)
    other = demo.claims.exclude(pk=fled.pk).first()
    Review.objects.create(
        claim=other, reviewer=reviewer, old_status="unverified", new_status="confirmed",
        created_at=timezone.now() - timedelta(days=20),
    )  # fmt: skip

    log_in(page, *EDITOR)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    period = page.get_by_role("navigation", name="Period")
    expect(period.get_by_role("link", name="Last 30 days")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("img", name="Decisions per day over the last 30 days")).to_be_visible()
    reviewers = page.locator("#per-reviewer")
    expect(reviewers.get_by_role("row", name="reviewer").locator("td")).to_have_text(["1", "1", "0", "2"])
    expect(page.locator("#disputed-sources tbody tr")).to_have_count(1)
    if os.environ.get("UPDATE_SCREENSHOTS"):  # `make screenshots` refreshes the README's picture
        page.screenshot(path=BASE / "docs" / "dashboard.png", full_page=True)

    period.get_by_role("link", name="Last 7 days").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?days=7")
    expect(period.get_by_role("link", name="Last 7 days")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("img", name="Decisions per day over the last 7 days")).to_be_visible()
    expect(page.locator(".day-chart .bar")).to_have_count(7)
    # The confirmation 20 days ago is out of the period now.
    expect(reviewers.get_by_role("row", name="reviewer").locator("td")).to_have_text(["0", "1", "0", "1"])

    page.get_by_text("The numbers, day by day").click()
    expect(page.locator("details table tbody tr")).to_have_count(7)
    # The claim waiting longest opens on its article page.
    oldest = demo.claims.in_queue().order_by("created_at", "pk").first()
    page.locator("#oldest-unverified a").first.click()
    expect(page.locator(f"#claim-panel-{oldest.pk}")).to_be_visible()
    assert page_problems == []
