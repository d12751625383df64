"""The queue's export, clicked in a browser: the file holds what the queue shows after filtering in place."""

import csv
import io

from playwright.sync_api import Page, expect

from tests.browser.conftest import REVIEWER, log_in


def test_the_export_link_follows_the_filters_and_downloads_what_the_queue_shows(page: Page, demo):
    log_in(page, *REVIEWER)
    page.goto("/queue/?status=unverified")
    rows = page.locator("#queue-results tr[data-row]")
    everything = rows.count()
    page.get_by_label("Search").fill("Turkey")  # the list swaps in place, and the link with it
    expect(rows).not_to_have_count(everything)
    shown = [row.get_attribute("id").removeprefix("queue-row-") for row in rows.all()]
    assert shown
    link = page.get_by_role("link", name="Export these claims")
    expect(link).to_have_attribute("href", "/queue/export.csv?q=Turkey&status=unverified")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("factcheck-queue-")
    text = download.value.path().read_text(encoding="utf-8-sig")
    exported = list(csv.DictReader(io.StringIO(text)))
    assert [row["claim id"] for row in exported] == shown
    assert all("turkey" in (row["claim"] + row["attributed to"]).lower() for row in exported)
