"""The reviewer's pages: articles list, article page with its claim panel, and the queue."""

import pytest
from django.db import connection, models
from django.urls import reverse

from factcheck.claims.decisions import assign_claim, record_decision
from factcheck.claims.models import Article, Claim, ClaimQuerySet, Source
from tests.factories import HTMX, make_article, make_claim, make_source


@pytest.fixture
def article_with_claims(db):
    """One article with 50 claims, each on its own five characters, with two-link chains."""
    article = make_article(text="x" * 400)
    outlet, agency = make_source(name="Harbour Gazette"), make_source(name="Port Wire", kind="news_agency")
    for i in range(50):
        make_claim(article=article, start=i * 6, end=i * 6 + 5, chain=[outlet, agency])
    return article


@pytest.fixture
def raise_on_lazy_loads(monkeypatch):
    """Make any field a view forgot to fetch up front fail loudly instead of querying per row."""
    original = ClaimQuerySet.with_chain
    monkeypatch.setattr(ClaimQuerySet, "with_chain", lambda qs: original(qs).fetch_mode(models.FETCH_RAISE))


def test_home_lists_articles_with_progress(client, reviewer, claim):
    record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="", version=1)
    make_claim(article=claim.article, start=41, end=60)
    client.force_login(reviewer)
    html = client.get(reverse("claims:home")).content.decode()
    assert claim.article.title in html
    assert "1 of 2 claims reviewed" in html


def test_article_page_highlights_every_claim_with_status_in_text_not_only_colour(client, reviewer, claim):
    other = make_claim(article=claim.article, start=70, end=104)
    record_decision(claim=other, reviewer=reviewer, status="disputed", note="Unclear", version=1)
    client.force_login(reviewer)
    html = client.get(claim.article.get_absolute_url()).content.decode()
    assert f'id="claim-{claim.pk}"' in html and f'id="claim-{other.pk}"' in html
    assert 'class="claim status-disputed"' in html
    assert '<span class="visually-hidden"> (Disputed)</span>' in html
    assert '<span class="visually-hidden"> (Unverified)</span>' in html
    assert "1 of 2 claims reviewed (50%)" in html


def test_article_text_is_kept_exactly_around_highlights(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.get(claim.article.get_absolute_url())
    runs = r.context["runs"]
    assert "".join(run.text for run in runs) == claim.article.text
    assert [run.claim for run in runs if run.claim] == [claim]


def test_nested_claims_are_both_selectable(client, reviewer):
    outer = make_claim(start=0, end=60)
    inner = make_claim(article=outer.article, start=20, end=40)
    client.force_login(reviewer)
    html = client.get(outer.article.get_absolute_url()).content.decode()
    assert html.count(f'id="claim-{outer.pk}"') == 1
    assert html.count(f'id="claim-{inner.pk}"') == 1
    assert html.count(f'data-claim="{outer.pk}"') == 2  # the outer claim continues after the inner one


def test_article_page_opens_the_claim_panel_from_the_query_string(client, reviewer):
    agency = make_source(name="Port Wire", kind=Source.Kind.NEWS_AGENCY)
    official = make_source(name="a port official", kind=Source.Kind.ANONYMOUS, description="harbour staff")
    claim = make_claim(chain=[agency, official], cue="told", hedge="reportedly")
    client.force_login(reviewer)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert f'id="claim-panel-{claim.pk}"' in html
    assert "<li>This article</li>" in html
    # Each hop links to its source's page, outermost first.
    assert html.index(
        f'<li class="hop-unchecked"><a href="/sources/{agency.pk}/">Port Wire</a>'
    ) < html.index(f'<li class="hop-unchecked"><a href="/sources/{official.pk}/">a port official</a>')
    assert "harbour staff" in html and "reportedly" in html and "told" in html
    assert 'aria-current="true"' in html


def test_article_page_without_a_claim_shows_a_hint(client, reviewer, claim):
    client.force_login(reviewer)
    html = client.get(claim.article.get_absolute_url() + "?claim=oops").content.decode()
    assert "Choose a highlighted claim" in html
    assert 'class="claim-panel"' not in html


def test_claim_panel_htmx_returns_only_the_panel_with_history(client, reviewer, editor, claim):
    assign_claim(claim=claim, assignee=reviewer, by=editor)
    record_decision(claim=claim, reviewer=reviewer, status="disputed", note="Port denies it", version=1)
    client.force_login(reviewer)
    r = client.get(reverse("claims:claim_panel", args=[claim.pk]), headers=HTMX)
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html
    assert html.strip().startswith(f'<section id="claim-panel-{claim.pk}"')
    assert "Assigned to alice." in html
    assert "unverified → <strong>disputed</strong>" in html and "Port denies it" in html


def test_claim_panel_without_htmx_redirects_to_the_article_page(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.get(reverse("claims:claim_panel", args=[claim.pk]))
    assert r.status_code == 302 and r["Location"] == claim.get_absolute_url()


@pytest.mark.parametrize("name", ["claims:article", "claims:claim_panel"])
def test_unknown_ids_are_404(client, reviewer, db, name):
    client.force_login(reviewer)
    assert client.get(reverse(name, args=[424242]), headers=HTMX).status_code == 404


def test_article_page_runs_fixed_queries(client, reviewer, article_with_claims, django_assert_num_queries):
    claim = article_with_claims.claims.first()
    client.force_login(reviewer)
    # the withdrawn claims listed under the text, and what the claims rest on (one aggregate), are two more
    with django_assert_num_queries(12):  # with the open claim's sources' records
        r = client.get(claim.get_absolute_url())
    assert r.status_code == 200 and r.content.decode().count("data-first") == 50


def test_claim_panel_runs_fixed_queries(client, reviewer, article_with_claims, django_assert_num_queries):
    claim = article_with_claims.claims.first()
    client.force_login(reviewer)
    with django_assert_num_queries(7):  # the claim, its chain, its sources' records and its history
        r = client.get(reverse("claims:claim_panel", args=[claim.pk]), headers=HTMX)
    assert r.status_code == 200
    assert r.content.decode().strip().startswith(f'<section id="claim-panel-{claim.pk}"')


def test_pages_never_lazy_load(client, reviewer, article_with_claims, raise_on_lazy_loads):
    claim = article_with_claims.claims.first()
    record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="ok", version=1)
    client.force_login(reviewer)
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert client.get(reverse("claims:queue")).status_code == 200


# The queue


def test_queue_filters_by_status_and_counts_every_status(client, reviewer):
    _, b, c = make_claim(), make_claim(), make_claim()
    record_decision(claim=b, reviewer=reviewer, status="confirmed", note="", version=1)
    record_decision(claim=c, reviewer=reviewer, status="disputed", note="No", version=1)
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"status": "confirmed"})
    assert list(r.context["page"]) == [b]
    assert r.context["tabs"] == [
        ("unverified", "Unverified", "1"),
        ("confirmed", "Confirmed", "1"),
        ("disputed", "Disputed", "1"),
    ]


def test_queue_filters_by_article_source_kind_and_assignee(client, reviewer, editor):
    agency = make_source(name="Port Wire", kind=Source.Kind.NEWS_AGENCY)
    by_agency = make_claim(chain=[agency])
    mine = make_claim()
    assign_claim(claim=mine, assignee=reviewer, by=editor)
    client.force_login(reviewer)
    queue = reverse("claims:queue")
    assert list(client.get(queue, {"kind": "news_agency"}).context["page"]) == [by_agency]
    assert list(client.get(queue, {"source": agency.pk}).context["page"]) == [by_agency]
    assert list(client.get(queue, {"article": mine.article_id}).context["page"]) == [mine]
    assert list(client.get(queue, {"mine": "on"}).context["page"]) == [mine]
    row = client.get(queue, {"mine": "on"}).content.decode().split(f'id="queue-row-{mine.pk}"')[1]
    assert f'<td data-label="Article">{mine.article.title}</td>' in row.split("</tr>")[0]


def test_queue_text_search(client, reviewer):
    pier = make_claim()
    other = make_claim(
        article=make_article(text="Ferry fares will rise by ten percent next year, the council said.")
    )
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"q": "harbour AUTHORITY"})
    assert list(r.context["page"]) == [pier]
    r = client.get(reverse("claims:queue"), {"q": "ferry"})
    assert list(r.context["page"]) == [other]


def test_queue_ignores_a_bad_filter_but_keeps_the_good_ones(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"article": "999999", "status": "bogus", "page": "x"})
    assert r.status_code == 200
    assert list(r.context["page"]) == [claim]
    assert "Select a valid choice" in r.content.decode()


def test_queue_htmx_returns_only_the_results_and_varies_on_hx_request(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"status": "unverified"}, headers=HTMX)
    html = r.content.decode()
    assert html.strip().startswith('<section id="queue-results"')
    assert "<html" not in html
    assert "HX-Request" in r["Vary"]


def test_queue_paginates(client, reviewer, article_with_claims):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"page": 2})
    assert len(r.context["page"]) == 25
    assert "Page 2 of 2 (50 claims)" in r.content.decode()


def test_queue_order_is_deterministic(client, reviewer, article_with_claims):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"))
    shown = [(c.article_id, c.start, c.pk) for c in r.context["page"]]
    assert shown == sorted(shown)  # article, then place in it, then id: no two claims tie


def queue_queries(narrowed: bool) -> int:
    """Session, user, permissions (the account's and its roles', one query), the header's count, the
    status counts, the page's rows and their chains: the same however many claims, articles and sources
    there are. The counts are one query over the first 1,001 matches (which, when that is all of them,
    gives the page's ids too), or for the whole queue on PostgreSQL one read of the totals the database
    keeps (on SQLite a capped count per status, 3)."""
    counts = 3 if connection.vendor == "sqlite" and not narrowed else 1
    return 3 + 1 + counts + 2


@pytest.mark.parametrize("params", [{}, {"q": "x", "status": "unverified"}, {"page": "2"}], ids=str)
def test_queue_runs_the_same_queries_at_any_size(
    client, reviewer, article_with_claims, django_assert_num_queries, params
):
    expected = queue_queries(narrowed="q" in params)
    client.force_login(reviewer)
    with django_assert_num_queries(expected):
        r = client.get(reverse("claims:queue"), params)
    assert r.status_code == 200 and len(r.context["page"]) == 25
    more = make_article(title="A second article", text="y" * 400)
    for i in range(60):
        make_claim(article=more, start=i * 6, end=i * 6 + 5, chain=[make_source()])
    with django_assert_num_queries(expected):
        r = client.get(reverse("claims:queue"), params)
    assert r.status_code == 200 and len(r.context["page"]) == 25
    assert "A second article" not in r.content.decode()  # its claims come later, and no select lists it


def test_home_runs_the_same_queries_at_any_size(
    client, reviewer, article_with_claims, django_assert_num_queries
):
    # Session, user, permissions, the header's count, the articles' capped count, the page's ids, and
    # those 50 articles with their progress and pending suggestions: eight, however many there are.
    client.force_login(reviewer)
    for n in (5, 70):
        for i in range(n):
            make_claim(article=make_article(title=f"Article {n}-{i}"))
        with django_assert_num_queries(7):
            r = client.get(reverse("claims:home"))
        assert r.status_code == 200 and len(r.context["page"]) == min(Article.objects.count(), 50)
    html = r.content.decode()
    assert "Article 70-69<" in html and "Article 5-4<" not in html  # newest first, 50 of them


def test_claim_counts_by_status_in_one_query(claim, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert Claim.objects.status_counts() == {"unverified": 1, "confirmed": 0, "disputed": 0}


def test_queue_htmx_pushes_a_url_with_only_the_filters_that_are_set(client, reviewer, claim):
    client.force_login(reviewer)
    r = client.get(
        reverse("claims:queue"), {"q": "harbour", "status": "", "article": "", "kind": ""}, headers=HTMX
    )
    assert r["HX-Push-Url"] == reverse("claims:queue") + "?q=harbour"


def test_queue_status_is_one_control_that_other_filters_keep(client, reviewer, claim):
    client.force_login(reviewer)
    html = client.get(reverse("claims:queue"), {"status": "disputed"}).content.decode()
    assert '<select name="status"' not in html  # the tabs choose the status; no second control to disagree
    assert 'name="status" id="queue-status" value="disputed"' in html  # sent along with the other filters
    r = client.get(reverse("claims:queue"), {"status": "disputed"}, headers=HTMX)
    # A tab clicked in place updates the form's copy too, so choosing a source next keeps the status.
    assert 'id="queue-status" value="disputed" hx-swap-oob="true"' in r.content.decode()


def test_queue_pages_are_numbered_with_a_jump_that_keeps_the_filters(client, reviewer, article_with_claims):
    client.force_login(reviewer)
    html = client.get(reverse("claims:queue"), {"status": "unverified", "page": 2}).content.decode()
    assert '<span aria-current="page">2</span>' in html
    assert 'aria-label="Page 1"' in html
    assert '<input type="hidden" name="status" value="unverified">' in html  # inside the jump form
    assert 'name="page" min="1" max="2"' in html
    assert "show:#queue-results:top" in html  # a page change scrolls to the list's top


@pytest.mark.parametrize("hops", [2_000, 1], ids=["few hops: ids", "many hops: row by row"])
def test_queue_source_filter_finds_what_a_source_passed_on(client, reviewer, monkeypatch, hops):
    monkeypatch.setattr("factcheck.claims.forms.MANY_HOPS", hops)
    guardian, syriasteps = make_source(name="The Guardian"), make_source(name="Syriasteps")
    relayed = make_claim(chain=[guardian, syriasteps])
    own = make_claim(chain=[guardian])
    client.force_login(reviewer)
    said = client.get(reverse("claims:queue"), {"source": guardian.pk})
    assert list(said.context["page"]) == [own]
    anywhere = client.get(reverse("claims:queue"), {"source": guardian.pk, "where": "chain"})
    assert set(anywhere.context["page"]) == {own, relayed}
    assert anywhere.context["tabs"][0][2] == "2"  # the counts follow the filter


def test_htmx_never_copies_an_inline_style_across_a_swap(client, reviewer):
    """A resized textarea carries an inline style; htmx settling it onto the new one breaks the CSP."""
    import json
    import re

    client.force_login(reviewer)
    html = client.get(reverse("claims:home")).content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'", html).group(1))
    assert "style" not in config["attributesToSettle"]


def test_queue_pages_by_number_then_by_cursor_past_the_cap(client, reviewer, monkeypatch):
    monkeypatch.setattr("factcheck.claims.paging.COUNT_CAP", 30)  # as if 10,000: 30 claims have numbers
    article = make_article(text="z" * 600)
    claims = [make_claim(article=article, start=i * 6, end=i * 6 + 5) for i in range(70)]
    client.force_login(reviewer)
    first = client.get(reverse("claims:queue"))
    assert first.context["tabs"][0][2] == "30+" and first.context["total"] == "30+"
    assert [n for n, _ in first.context["numbers"]] == [1, 2]  # 30 claims numbered, in pages of 25
    seen, url, pages = [], reverse("claims:queue"), 0
    while url:
        page = client.get(url)
        seen += [c.pk for c in page.context["page"]]
        url = page.context["next"] and reverse("claims:queue") + page.context["next"]
        pages += 1
    assert seen == [c.pk for c in claims] and pages == 3  # every claim once, in order; page 3 by cursor
    assert "after=" in client.get(reverse("claims:queue"), {"page": 2}).context["next"]
    # Filtered, the statuses are counted among the first matches only: at least that many.
    monkeypatch.setattr("factcheck.claims.paging.FILTERED_CAP", 20)
    monkeypatch.setattr("factcheck.claims.views.FILTERED_CAP", 20)
    narrowed = client.get(reverse("claims:queue"), {"article": article.pk})
    assert narrowed.context["tabs"][0][2] == "21+" and narrowed.context["total"] == "20+"
    last = client.get(reverse("claims:queue"), {"after": f"{article.pk}.{claims[49].start}.{claims[49].pk}"})
    back = client.get(reverse("claims:queue") + last.context["previous"])
    assert [c.pk for c in back.context["page"]] == [c.pk for c in claims[25:50]]


def test_a_search_of_few_matches_pages_by_their_places_as_the_whole_queue_does(client, reviewer, monkeypatch):
    """At most FILTERED_CAP matches: their places come with the count and each page is read by its ids."""
    monkeypatch.setattr("factcheck.claims.paging.COUNT_CAP", 50)  # pages 1-2 by number, then by cursor
    articles = [make_article(text=f"harbour {n} " * 80) for n in range(2)]
    claims = [
        make_claim(article=articles[i % 2], start=i * 9, end=i * 9 + 7, text=f"harbour {i}", status=status)
        for i, status in zip(range(80), ["unverified", "unverified", "confirmed"] * 27, strict=False)
    ]
    make_claim(article=articles[0], start=800, end=805, text="ferry")  # no match
    waiting = sorted((c for c in claims if c.status == "unverified"), key=lambda c: (c.article_id, c.start))
    client.force_login(reviewer)
    seen, url, previous = [], reverse("claims:queue") + "?q=harbour&status=unverified", []
    while url:
        page = client.get(url)
        assert page.context["tabs"][0][2] == "50+"  # 54, past the (lowered) cap of numbered rows
        seen.append([c.pk for c in page.context["page"]])
        previous.append(page.context["previous"])
        url = page.context["next"] and reverse("claims:queue") + page.context["next"]
    assert sum(seen, []) == [c.pk for c in waiting] and [len(p) for p in seen] == [25, 25, 4]
    assert "before=" in previous[2]  # the third page, past the numbered ones, was reached by its cursor
    back = client.get(reverse("claims:queue") + previous[2])
    assert [c.pk for c in back.context["page"]] == seen[1]  # the page before the cursor's, in order


@pytest.mark.parametrize("cursor", ["1.2", "a.b.c", "1.2.3.4", "9" * 30 + ".1.1", "-1.0.0"])
def test_a_broken_cursor_shows_the_first_page(client, reviewer, claim, cursor):
    client.force_login(reviewer)
    r = client.get(reverse("claims:queue"), {"after": cursor})
    assert r.status_code == 200 and list(r.context["page"]) == [claim]


def test_the_article_and_source_filters_offer_what_was_typed_not_every_row(client, reviewer):
    harbour = make_article(title="Harbour strike ends")
    make_article(title="Ferries resume")
    wire = make_source(name="Coastal Wire")
    make_claim(article=harbour, chain=[wire])
    client.force_login(reviewer)
    page = client.get(reverse("claims:queue")).content.decode()
    assert "Ferries resume" not in page and "Coastal Wire</option>" not in page  # no option for every row
    options = client.get(reverse("claims:queue_options"), {"find_article": "harbour"}).content.decode()
    assert (
        f'<option value="{harbour.pk}">Harbour strike ends</option>' in options and "Ferries" not in options
    )
    options = client.get(reverse("claims:queue_options"), {"find_source": "coastal"}).content.decode()
    assert f'<option value="{wire.pk}">Coastal Wire</option>' in options
    # Without JavaScript: the finder is sent with the form, and its matches are offered in the select.
    page = client.get(reverse("claims:queue"), {"find_article": "ferr"}).content.decode()
    assert "Ferries resume</option>" in page
    chosen = client.get(reverse("claims:queue"), {"article": harbour.pk}).content.decode()
    assert f'<option value="{harbour.pk}" selected>Harbour strike ends</option>' in chosen


def test_the_article_says_how_much_rests_on_anonymous_sources_and_how_far_from_the_speaker(
    client, reviewer, db
):
    article = make_article(text="x" * 400)
    guardian, steps = make_source(name="The Guardian"), make_source(name="Syriasteps")
    insider = make_source(name="an intelligence source", kind="anonymous")
    make_claim(article=article, start=0, end=5, chain=[guardian, steps, insider])  # three hops
    make_claim(article=article, start=10, end=15, chain=[steps])  # one
    make_claim(article=article, start=20, end=25, chain=[insider])  # one, anonymous
    make_claim(article=article, start=30, end=35, source=guardian, chain=[])  # told the article: one
    make_claim(article=article, start=40, end=45, unattributed=True)  # not counted
    client.force_login(reviewer)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Resting on anonymous sources: 2 of 4 attributed claims (50%)." in page
    assert "From the article to the original speaker: 1.5 hops on average." in page
