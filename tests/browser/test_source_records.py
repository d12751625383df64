"""A source's record, clicked in a browser: the reviewer confirms a claim a security official said, follows
its hop from the claim panel to its page and reads its record, then the sources' page by kind."""

import os

from playwright.sync_api import Page, expect

from tests.browser.conftest import BASE, REVIEWER, log_in

ESCAPE = "His escape does not mean anything."


def test_reviewer_follows_a_hop_to_the_sources_record_and_the_kinds(page: Page, demo):
    claim = demo.claims.get(text=ESCAPE)
    log_in(page, *REVIEWER)
    page.get_by_role("link", name=demo.title).click()
    page.get_by_role("link", name=ESCAPE).click()
    panel = page.locator(f"#claim-panel-{claim.pk}")
    panel.get_by_role("button", name="Confirm", exact=True).click()
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")

    page.reload()  # a fresh panel reads the chain's records again
    panel = page.locator(f"#claim-panel-{claim.pk}")
    expect(panel.locator("ol.chain")).to_contain_text("(1 confirmed, 0 disputed)")
    panel.locator("ol.chain").get_by_role("link", name="a security official").click()

    expect(page.get_by_role("heading", name="a security official")).to_be_visible()
    record = page.locator("section.record")
    expect(record).to_contain_text("1 confirmed (100%)")
    expect(record).to_contain_text("Of its 1 decided claim, 100% was confirmed.")
    expect(record.get_by_role("img", name="0% unverified, 100% confirmed, 0% disputed")).to_be_visible()
    expect(record.get_by_role("link", name=demo.title)).to_be_visible()
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=BASE / "docs" / "source-page.png", full_page=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sources").click()
    expect(page.get_by_role("heading", name="Sources by kind")).to_be_visible()
    anonymous = page.locator("#kind-anonymous")
    expect(anonymous.locator("tr.kind-row")).to_contain_text("Anonymous")
    expect(anonymous.locator("tr.kind-row td").nth(1)).to_contain_text("1 (")  # the confirmed one
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=BASE / "docs" / "sources-page.png", full_page=True)
