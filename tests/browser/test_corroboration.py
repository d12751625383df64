"""Corroboration clicked in a browser: a reviewer opens a claim of the demo article, finds the same claim in
a second article among the similar claims, links it as the same claim, and reads the corroboration page."""

from playwright.sync_api import Page, expect

from factcheck.claims.models import Source
from tests.browser.conftest import REVIEWER, log_in
from tests.factories import make_article, make_claim

FLED = "General Manaf Mustafa Tlass has fled to Turkey"


def test_reviewer_links_the_same_claim_in_another_article(page: Page, demo):
    claim = demo.claims.get(text=FLED)
    text = "Syriasteps said General Manaf Mustafa Tlass has fled to Turkey"
    other = make_claim(
        article=make_article(title="Defection reported", text=text + "."),
        start=0,
        end=len(text),
        text=FLED + " last week",
        chain=[Source.objects.get(name="Syriasteps")],
    )
    log_in(page, *REVIEWER)
    page.get_by_role("link", name=demo.title).click()
    page.get_by_role("link", name=FLED).click()
    panel = page.locator(f"#claim-panel-{claim.pk}")
    # Looked for as the panel opens, and shown open as there is one.
    expect(panel.locator(f"#similar-{claim.pk}")).to_have_attribute("open", "")
    expect(panel.locator(f"#similar-{claim.pk} summary")).to_have_text("Similar claims in other articles (1)")
    similar = panel.locator(f"#similar-claims-{claim.pk}")
    expect(similar).to_contain_text(other.text)
    similar.get_by_role("button", name="Same claim").click()
    expect(similar).to_contain_text("Recorded: same claim")
    expect(similar).not_to_contain_text(other.text)  # linked: no longer a suggestion
    links = panel.locator(f"#claim-links-{claim.pk}")
    expect(links).to_contain_text("linked to 1 claim in other articles")
    links.get_by_role("link", name="Corroboration across articles").click()
    expect(page.get_by_role("heading", name="Corroboration across articles", level=1)).to_be_visible()
    expect(page.locator("table.linked")).to_contain_text("Defection reported")
    expect(page.locator("ul.strands").first).to_contain_text("Syriasteps (one source, 2 claims)")
    # Its similar claims are looked for as the page shows: the linked one is no suggestion any more.
    expect(page.locator(f"#similar-claims-{claim.pk}")).to_contain_text("No similar claim in another article")
