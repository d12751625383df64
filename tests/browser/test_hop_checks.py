"""Checking a chain hop by hop, clicked in a browser: the reviewer marks the Guardian's hop as holding and
Syriasteps' as misattributed, the panel draws each mark, and the queue finds the claim by its broken hop."""

import os

from playwright.sync_api import Page, expect

from tests.browser.conftest import BASE, REVIEWER, log_in

FLED = "General Manaf Mustafa Tlass has fled to Turkey"


def test_reviewer_checks_two_hops_and_finds_the_claim_by_its_broken_hop(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    log_in(page, *REVIEWER)
    page.get_by_role("link", name=demo.title).click()
    page.get_by_role("link", name=FLED).click()
    panel = page.locator(f"#claim-panel-{claim.pk}")
    panel.get_by_text("Check each hop").click()

    guardian = panel.locator("fieldset", has_text="Hop 1: The Guardian")
    guardian.get_by_label("Hop note").fill("The Guardian's live blog of the day carries it.")
    guardian.get_by_role("button", name="The attribution holds").click()
    chain = panel.locator("ol.chain")
    expect(chain.locator("li.hop-holds")).to_contain_text("The Guardian")

    # The panel was replaced: open the checks again and try the next hop without a note first.
    panel.get_by_text("Check each hop").click()
    syriasteps = panel.locator("fieldset", has_text="Hop 2: Syriasteps")
    syriasteps.get_by_role("button", name="Misattributed").click()
    expect(panel.get_by_text("Say why the attribution does not hold: a note is required.")).to_be_visible()
    syriasteps = panel.locator("fieldset", has_text="Hop 2: Syriasteps")
    syriasteps.get_by_label("Hop note").fill("Syriasteps ran no such report that day.")
    syriasteps.get_by_label("Hop evidence URL").fill("https://archive.example/syriasteps")
    syriasteps.get_by_role("button", name="Misattributed").click()
    expect(chain.locator("li.hop-misattributed")).to_contain_text("Syriasteps")
    expect(panel.locator(".status")).to_have_text("? Unverified")  # the claim's own verdict is untouched
    expect(panel.locator(".history")).to_contain_text("checked hop 2 (Syriasteps): misattributed")
    if os.environ.get("UPDATE_SCREENSHOTS"):  # `make screenshots` refreshes the README's picture
        panel.screenshot(path=BASE / "docs" / "hop-checks.png")

    page.get_by_role("link", name="Queue").click()
    page.get_by_label("Chain").select_option("broken")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tr[data-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("a hop misattributed")
