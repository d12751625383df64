"""Publishing a review, clicked in a browser: the editor confirms, publishes and takes it down in the panel,
and a reader who is not logged in reads the ClaimReview while it is published, and nothing after."""

import json

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import EDITOR, log_in

FLED = "General Manaf Mustafa Tlass has fled to Turkey"


def test_editor_publishes_a_confirmed_claim_and_a_reader_gets_its_claimreview(
    page: Page, browser: Browser, base_url: str, demo
):
    claim = demo.claims.get(text=FLED)
    log_in(page, *EDITOR)
    page.get_by_role("link", name=demo.title).click()
    page.get_by_role("link", name=FLED).click()
    panel = page.locator(f"#claim-panel-{claim.pk}")
    expect(panel.get_by_text("Publishing is for a confirmed or disputed claim.")).to_be_visible()
    panel.get_by_label("Note").fill("Turkish officials confirmed he crossed the border.")
    panel.get_by_role("button", name="Confirm", exact=True).click()
    expect(panel.locator(".status")).to_have_text("✓ Confirmed")

    panel.get_by_role("button", name="Publish the review").click()
    expect(panel.get_by_role("button", name="Take the review down")).to_be_visible()
    expect(panel.get_by_role("link", name="its ClaimReview")).to_be_visible()
    expect(panel.locator(".history")).to_contain_text("published the claim’s review")

    reader = browser.new_context(base_url=base_url)  # nobody logged in
    response = reader.request.get(f"/claims/{claim.pk}/claimreview.json")
    assert response.status == 200
    review = json.loads(response.text())
    assert review["claimReviewed"] == FLED and review["reviewRating"]["alternateName"] == "Confirmed"
    assert review["itemReviewed"]["appearance"]["headline"] == demo.title

    panel.get_by_role("button", name="Take the review down").click()
    expect(panel.get_by_role("button", name="Publish the review")).to_be_visible()
    expect(panel.locator(".history")).to_contain_text("took the claim’s review down")
    assert reader.request.get(f"/claims/{claim.pk}/claimreview.json").status == 404
    reader.close()
