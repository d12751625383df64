"""CSV export: exactly what the queue shows, every page of it, streamed in batches, safe to open."""

import csv
import io

import pytest
from django.urls import reverse

from factcheck.claims import exports
from factcheck.claims.decisions import record_decision
from tests.factories import make_article, make_claim, make_source

EXPORT = reverse("claims:queue_export")


def rows(response) -> list[dict]:
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="factcheck-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def queue_ids(client, query: dict) -> list[str]:
    """The claims the queue lists for `query`, page after page."""
    ids, params = [], dict(query)
    while True:
        r = client.get(reverse("claims:queue"), params)
        ids += [str(c.pk) for c in r.context["page"]]
        if not r.context["page"].next:
            return ids
        params = {**query, **r.context["page"].next}


@pytest.fixture
def desk(db, reviewer):
    wire = make_source(name="Harbour Wire")
    official = make_source(name="a port official", kind="anonymous")
    article = make_article(title="Pier to close", url="https://example.org/pier")
    claims = [
        make_claim(article=article, start=i * 5, end=i * 5 + 4, chain=[wire, official] if i % 2 else [wire])
        for i in range(7)
    ]
    record_decision(claim=claims[1], reviewer=reviewer, status="disputed", note="Port denies it", version=1)
    make_claim(text="Ferries resume on Monday")  # another article, another source
    return {"wire": wire, "official": official, "article": article, "claims": claims}


@pytest.mark.parametrize(
    "query",
    [{}, {"status": "unverified"}, {"status": "disputed"}, {"q": "ferries"}, {"where": "chain"}],
    ids=str,
)
def test_the_export_holds_exactly_what_the_queue_shows(client, reviewer, desk, monkeypatch, query):
    monkeypatch.setattr(exports, "BATCH", 3)  # several batches, and a queue of several pages
    monkeypatch.setattr("factcheck.claims.views.QUEUE_PAGE_SIZE", 2)
    if "where" in query:
        query = {**query, "source": desk["official"].pk}
    client.force_login(reviewer)
    exported = rows(client.get(EXPORT, query))
    assert [r["claim id"] for r in exported] == queue_ids(client, query)
    assert exported


def test_a_row_says_who_said_it_through_whom_and_where(client, reviewer, desk):
    client.force_login(reviewer)
    second = next(r for r in rows(client.get(EXPORT)) if r["claim id"] == str(desk["claims"][1].pk))
    assert second["chain (outermost first)"] == "Harbour Wire > a port official"
    assert second["attributed to"] == "a port official"
    assert second["status"] == "disputed"
    assert second["article"] == "Pier to close" and second["article URL"] == "https://example.org/pier"
    assert second["link"].startswith("http://testserver/articles/")


def test_the_queue_offers_the_export_of_its_own_filters(client, reviewer, desk):
    client.force_login(reviewer)
    page = client.get(reverse("claims:queue"), {"status": "disputed", "q": ""}).content.decode()
    assert f'href="{EXPORT}?status=disputed"' in page


def test_rows_are_read_a_batch_at_a_time_not_all_at_once(
    client, reviewer, desk, monkeypatch, django_assert_num_queries
):
    """Session, user and permissions (4), then per batch its rows and their chains (2): eight claims in
    batches of three are three batches, and the last, short one ends it."""
    monkeypatch.setattr(exports, "BATCH", 3)
    client.force_login(reviewer)
    response = client.get(EXPORT)
    with django_assert_num_queries(2 * 3):
        exported = rows(response)
    assert len(exported) == 8


def test_a_cell_a_spreadsheet_would_run_is_defused(client, reviewer, db):
    article = make_article(title='=HYPERLINK("http://evil.example")', text="-1+1 is what he said. " * 3)
    make_claim(article=article, start=0, end=4, source=make_source(name="@someone"))
    client.force_login(reviewer)
    [row] = rows(client.get(EXPORT))
    assert row["claim"] == "'-1+1"
    assert row["article"] == '\'=HYPERLINK("http://evil.example")'
    assert row["attributed to"] == "'@someone"


def test_only_the_newsroom_may_export(client, outsider, desk):
    assert client.get(EXPORT).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(EXPORT).status_code == 403


def test_the_admin_exports_its_selection(editor_client, desk):
    picked = desk["claims"][2:4]
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "export_csv", "_selected_action": [c.pk for c in picked]},
    )
    assert [r["claim id"] for r in rows(response)] == [str(c.pk) for c in picked]
