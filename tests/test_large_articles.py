"""Huge but honest articles: 10,000 suggestions page, accept in bulk, and decide in small replies."""

import random
import re
import threading
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from factcheck.claims.highlight import CONTEXT, runs, runs_of, window
from factcheck.claims.imports import BadSpan, SuggestionDecided, accept_all, accept_suggestion, import_article
from factcheck.claims.models import MAX_ARTICLE_CHARS, Article, ChainLink, Claim, Source, Suggestion
from factcheck.claims.views import SUGGESTIONS_PAGE_SIZE
from tests.factories import HTMX, make_source

SENTENCES = 10_000
PARROT = "The lighthouse parrot recites Keats at dawn."  # only in the article's last paragraph
# Who says each sentence, the chain the extractor would give and the speaker's description.
SPEAKERS = [
    ("Ann", ["Ann"], "the harbour master"),
    ("AFP", ["AFP"], ""),
    ("Afp", ["Afp"], ""),  # the same agency spelled otherwise: one source
    ("Many", ["Many"], "dockers"),  # anonymous: one source for the whole article
    ("UN", ["AFP", "UN"], ""),  # as relayed by the agency: a chain of two
    ("", [], ""),  # the article's own statement
]


def large_text(count: int = SENTENCES) -> tuple[str, list[tuple[int, int, int]]]:
    """An article of `count` short attributed sentences, seven to a paragraph, and where each claim is."""
    parts, spans, at = [], [], 0
    for i in range(count):
        who = SPEAKERS[i % len(SPEAKERS)][0]
        head = f"{who} said " if who else ""
        claim = f"{i} ran"
        parts.append(f"{head}{claim}.")
        spans.append((i % len(SPEAKERS), at + len(head), at + len(head) + len(claim)))
        at += len(parts[-1])
        parts.append("\n" if i % 7 == 6 else " ")
        at += 1
    text = "".join(parts).rstrip() + " " + PARROT
    assert len(text) <= MAX_ARTICLE_CHARS
    return text, spans


def make_large_article(count: int = SENTENCES) -> Article:
    """The article with its suggestions made in bulk, as the extractor would have made them."""
    text, spans = large_text(count)
    article = Article.objects.create(title=f"Harbour log ({count} lines)", text=text)
    Suggestion.objects.bulk_create(
        Suggestion(
            article=article,
            text=text[start:end],
            start=start,
            end=end,
            chain=SPEAKERS[who][1],
            attributed=bool(SPEAKERS[who][1]),
            description=SPEAKERS[who][2],
            cue="said" if SPEAKERS[who][1] else "",
        )
        for who, start, end in spans
    )
    return article


def with_claims(article: Article) -> list[Claim]:
    """A claim on each suggestion's span, made in bulk (what accepting them all leaves behind)."""
    source = make_source(name="Harbour Wire")
    return Claim.objects.bulk_create(
        Claim(article=article, text=s.text, start=s.start, end=s.end, source=source)
        for s in article.suggestions.all()
    )


@pytest.fixture
def large(db):
    return make_large_article()


def cards(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="suggestion-(\d+)"', html)]


def nth(article: Article, index: int) -> Suggestion:
    return article.suggestions.order_by("start", "pk")[index]


# The suggestions page


def test_large_article_shows_one_page_of_cards_and_only_the_text_they_sit_in(client, reviewer, large):
    client.force_login(reviewer)
    url = reverse("claims:suggestions", args=[large.pk])
    first = client.get(url)
    html = first.content.decode()
    assert first.status_code == 200 and len(first.content) < 300_000
    assert cards(html) == [s.pk for s in large.suggestions.order_by("start", "pk")[:SUGGESTIONS_PAGE_SIZE]]
    assert "10000 suggested, 10000 still to decide." in html
    assert "suggestions 1–50 of 10000" in html and 'href="?page=2"' in html and 'href="?page=200"' in html
    assert PARROT not in html and "49 ran" in html and "60 ran" not in html
    last = client.get(url, {"page": 200}).content.decode()
    assert cards(last)[-1] == nth(large, SENTENCES - 1).pk
    assert PARROT in last and "9949 ran" in last and "9900 ran" not in last


def test_a_mark_whose_card_is_on_another_page_links_to_that_page(client, reviewer, large):
    neighbour = nth(large, SUGGESTIONS_PAGE_SIZE - 1)  # shares a paragraph with the first card of page 2
    client.force_login(reviewer)
    url = reverse("claims:suggestions", args=[large.pk])
    page_two = client.get(url, {"page": 2}).content.decode()
    assert neighbour.pk not in cards(page_two)
    assert f'href="?suggestion={neighbour.pk}#suggestion-{neighbour.pk}"' in page_two
    page_one = client.get(url, {"suggestion": neighbour.pk}).content.decode()
    assert neighbour.pk in cards(page_one) and "suggestions 1–50 of 10000" in page_one


def test_suggestions_page_queries_do_not_grow_with_the_article(
    client, reviewer, large, django_assert_num_queries
):
    client.force_login(reviewer)
    with django_assert_num_queries(10):  # the 9 of a one-page article, and the marks of the pages around
        r = client.get(reverse("claims:suggestions", args=[large.pk]), {"page": 100})
    assert r.status_code == 200 and len(cards(r.content.decode())) == SUGGESTIONS_PAGE_SIZE


def test_a_decision_without_js_returns_to_the_same_page_and_card(client, reviewer, large):
    suggestion = nth(large, 2 * SUGGESTIONS_PAGE_SIZE + 7)
    client.force_login(reviewer)
    r = client.post(reverse("claims:decide_suggestion", args=[suggestion.pk]), {"action": "accept"})
    page = f"{reverse('claims:suggestions', args=[large.pk])}?page=3"
    assert r.status_code == 302 and r["Location"] == f"{page}#suggestion-{suggestion.pk}"
    html = client.get(page).content.decode()
    card = html[html.index(f'<article id="suggestion-{suggestion.pk}"') :]
    assert "<strong>Accepted</strong>" in card[: card.index("</article>")]


def test_htmx_decision_on_a_card_sends_only_the_card_its_mark_and_the_counts(client, reviewer, large):
    suggestion = nth(large, 5_000)
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide_suggestion", args=[suggestion.pk]),
        {"action": "reject", "span": f"{suggestion.start}:{suggestion.end}"},
        headers=HTMX,
    )
    html = r.content.decode()
    assert r.status_code == 200 and len(r.content) < 20_000
    assert PARROT not in html and "suggested-text" not in html
    assert f'<article id="suggestion-{suggestion.pk}" class="suggestion state-rejected"' in html
    mark = html[html.index(f'<a id="suggested-{suggestion.pk}"') :]
    assert 'hx-swap-oob="true"' in mark[: mark.index(">")] or 'hx-swap-oob="true"' in mark[:300]
    assert "10000 suggested, 9999 still to decide." in html


def test_an_edit_that_moves_a_mark_reloads_its_page(client, reviewer, large):
    suggestion = nth(large, 3 * SUGGESTIONS_PAGE_SIZE + 1)
    client.force_login(reviewer)
    data = {
        "action": "edit",
        "span": f"{suggestion.start}:{suggestion.end}",
        "text": suggestion.text,
        "passage": large.text[suggestion.start - len("said ") : suggestion.end],
        "occurrence": suggestion.start - len("said "),
        "chain": " > ".join(suggestion.chain),
        "cue": "",
        "hedge": "",
    }
    r = client.post(reverse("claims:decide_suggestion", args=[suggestion.pk]), data, headers=HTMX)
    assert r.status_code == 200
    url = f"{reverse('claims:suggestions', args=[large.pk])}?page=4#suggestion-{suggestion.pk}"
    assert r["HX-Redirect"] == url
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.claim.passage) == ("accepted", f"said {suggestion.text}")


def test_a_bad_edit_without_js_shows_the_cards_own_page_with_the_error(client, reviewer, large):
    suggestion = nth(large, 4 * SUGGESTIONS_PAGE_SIZE + 3)
    client.force_login(reviewer)
    data = {
        "action": "edit",
        "text": "x",
        "passage": "words found nowhere",
        "chain": "",
        "cue": "",
        "hedge": "",
    }
    r = client.post(reverse("claims:decide_suggestion", args=[suggestion.pk]), data)
    html = r.content.decode()
    assert r.status_code == 422 and "suggestions 201–250 of 10000" in html
    card = html[html.index(f'<article id="suggestion-{suggestion.pk}"') :]
    card = card[: card.index("</article>")]
    assert "<details open>" in card and "These words are not in the article" in card
    assert html.count("<details open>") == 1  # the other cards keep their forms closed


def test_a_claims_runs_alone_are_its_runs_in_the_whole_text():
    rng = random.Random(7)
    text = "x" * 300
    for _ in range(200):
        claims = []
        for pk in range(1, rng.randint(2, 12)):
            start = rng.randrange(0, 290)
            claims.append(SimpleNamespace(pk=pk, start=start, end=rng.randint(start + 1, 300)))
        whole = runs(text, claims)
        for claim in claims:
            overlapping = [c for c in claims if c.start < claim.end and c.end > claim.start]
            alone = runs_of(claim, text[claim.start : claim.end], overlapping)
            assert alone == [run for run in whole if run.claim is claim]


def test_the_text_shown_runs_from_paragraph_to_paragraph_and_cuts_long_ones_at_a_space():
    text = "One.\nTwo three four.\nFive six.\nSeven."
    assert window(text, text.index("three"), text.index("six") + 3) == (5, text.index("\nSeven"))
    long = " ".join(["word"] * 1000)
    lo, hi = window(long, 2_000, 2_010)
    assert 2_000 - CONTEXT <= lo <= 2_000 and long[lo - 1] == " "
    assert 2_010 <= hi <= 2_010 + CONTEXT and long[hi] == " "


# Accepting them all


def test_accept_all_accepts_every_suggestion_of_a_large_article(
    client, reviewer, large, django_assert_max_num_queries
):
    client.force_login(reviewer)
    with django_assert_max_num_queries(40):  # in bulk: not one round of queries per suggestion
        r = client.post(reverse("claims:accept_all", args=[large.pk]))
    assert r.status_code == 302 and r["Location"] == large.get_absolute_url()
    suggestions = large.suggestions.all()
    assert not suggestions.exclude(state="accepted").exists()
    assert not suggestions.filter(claim__isnull=True).exists()
    assert large.claims.count() == SENTENCES
    assert set(suggestions.values_list("decided_by", flat=True)) == {reviewer.pk}
    links = sum(len(SPEAKERS[i % len(SPEAKERS)][1]) for i in range(SENTENCES))
    assert ChainLink.objects.filter(claim__article=large).count() == links
    assert sorted(Source.objects.values_list("normalised_name", flat=True)) == ["afp", "ann", "many", "un"]
    assert Source.objects.get(normalised_name="many").kind == Source.Kind.ANONYMOUS
    relayed = large.claims.with_chain().get(start=nth(large, 4).start)
    assert [s.name for s in relayed.chain] == ["AFP", "UN"] and relayed.source.name == "UN"
    assert Source.objects.get(normalised_name="ann").description == "the harbour master"
    page = client.get(reverse("claims:home")).content.decode()  # any page shows the message
    assert "Accepted 10000 confident suggested claims" in page


def test_accept_all_runs_fixed_queries(client, reviewer, django_assert_num_queries):
    article = make_large_article(50)
    client.force_login(reviewer)
    with django_assert_num_queries(17):  # the last: how many unsure ones are left to look at
        r = client.post(reverse("claims:accept_all", args=[article.pk]))
    assert r.status_code == 302
    assert article.claims.count() == 50 and not article.suggestions.filter(state="pending").exists()


STORY = (
    "Port Wire reported that a dock worker said the crane fell. The Port Wire said fares rise. "
    "Fares rise in May, a dock worker said. The crane fell. About 300 ships call each year."
)


def tricky_article(title: str) -> Article:
    """Suggestions that test the rules: twins, a taken span, an impossible one, names that name nobody."""
    article = Article.objects.create(title=title, text=f"{STORY} ({title})")
    fell, rise = STORY.index("the crane fell"), STORY.index("fares rise")
    ships = STORY.index("About 300")
    Claim.objects.create(article=article, text="taken", start=ships, end=ships + 9, unattributed=True)
    rows = [
        (fell, fell + 14, ["Port Wire", "a dock worker"], "on the night shift"),
        (fell, fell + 14, ["PORT WIRE"], ""),  # the same span again: left pending
        (rise, rise + 10, ["The Port Wire", "The"], ""),  # "The" names nobody
        (rise - 4, rise + 10, ["a dock worker"], ""),  # the same anonymous source as above
        (STORY.index("The crane fell."), STORY.index("The crane fell.") + 14, ["the"], ""),
        (ships, ships + 9, [], ""),  # already a claim's span: left pending
        (len(STORY), len(STORY) + 50, [], ""),  # past the end: left pending
    ]
    Suggestion.objects.bulk_create(
        Suggestion(
            article=article,
            text=f"  {STORY[start:end]}  ",
            start=start,
            end=end,
            chain=chain,
            description=description,
            cue="said",
        )
        for start, end, chain, description in rows
    )
    return article


def outcome(article: Article) -> tuple:
    claims = article.claims.with_chain().exclude(text="taken").order_by("start", "end")
    made = [
        (c.text, c.start, c.end, c.unattributed, c.cue, [(s.name, s.kind, s.description) for s in c.chain])
        for c in claims
    ]
    left = article.suggestions.order_by("start", "end", "pk")
    cards = list(left.values_list("state", "text", "chain", "attributed"))
    anonymous = Source.objects.filter(kind="anonymous", claims__article=article).distinct().count()
    return made, cards, anonymous


def test_accept_all_follows_the_rules_of_accepting_one_at_a_time(reviewer, db):
    make_source(name="Port Wire", kind=Source.Kind.NEWS_AGENCY)
    one_by_one, in_bulk = tricky_article("one by one"), tricky_article("in bulk")
    skipped = 0
    for suggestion in one_by_one.suggestions.order_by("start", "pk"):
        try:
            accept_suggestion(suggestion=suggestion, by=reviewer)
        except BadSpan:
            skipped += 1
    assert accept_all(article=in_bulk, by=reviewer) == (4, 3) and skipped == 3
    assert outcome(in_bulk) == outcome(one_by_one)
    assert Source.objects.filter(normalised_name="port wire").count() == 1
    assert Source.objects.filter(normalised_name="a dock worker").count() == 2  # one per article


def test_accept_all_after_a_single_accept_skips_what_it_decided(reviewer, second_reviewer, db):
    article = make_large_article(20)
    first = nth(article, 0)
    accept_suggestion(suggestion=first, by=second_reviewer)
    assert accept_all(article=article, by=reviewer) == (19, 0)
    assert article.claims.count() == 20
    first.refresh_from_db()
    assert first.decided_by == second_reviewer
    with pytest.raises(SuggestionDecided):
        accept_suggestion(suggestion=nth(article, 1), by=second_reviewer)


@pytest.mark.django_db(transaction=True)
def test_two_accept_alls_and_single_accepts_at_once_accept_each_suggestion_once(
    django_user_model, reviewer, second_reviewer
):
    article = make_large_article(300)
    singles = list(article.suggestions.order_by("?")[:6])
    results, errors, barrier = [], [], threading.Barrier(2 + len(singles))

    def at_once(work):
        try:
            barrier.wait()
            results.append(work())
        except SuggestionDecided:
            results.append("decided")
        except BaseException as error:  # noqa: BLE001 (reported by the test below)
            errors.append(error)
        finally:
            connection.close()

    works = [lambda: accept_all(article=article, by=reviewer)] * 2
    works += [lambda s=s: accept_suggestion(suggestion=s, by=second_reviewer) and 1 for s in singles]
    threads = [threading.Thread(target=at_once, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and not any(t.is_alive() for t in threads)
    bulk = [r for r in results if isinstance(r, tuple)]
    single_wins = results.count(1)
    assert sum(r.accepted for r in bulk) + single_wins == 300
    assert article.claims.count() == 300 and not article.suggestions.filter(state="pending").exists()
    assert article.suggestions.filter(claim__isnull=False).count() == 300


# Deciding claims on the article page


def test_htmx_decision_on_a_large_article_page_is_small(client, reviewer, large, django_assert_num_queries):
    claims = with_claims(large)
    claim = claims[5_000]
    client.force_login(reviewer)
    panel = client.get(reverse("claims:claim_panel", args=[claim.pk]), headers=HTMX)
    assert panel.status_code == 200 and len(panel.content) < 20_000
    with django_assert_num_queries(13):  # as for an article of 50 claims (test_decide.py)
        r = client.post(
            reverse("claims:decide", args=[claim.pk]),
            {"status": "disputed", "note": "The log says 5001", "version": 1},
            headers=HTMX,
        )
    html = r.content.decode()
    assert r.status_code == 200 and len(r.content) < 20_000
    assert PARROT not in html and 'id="article-text-' not in html
    assert f'<a id="claim-{claim.pk}" class="claim status-disputed"' in html
    assert "1 of 10000 claims reviewed" in html


# Through the extractor


def test_a_large_article_imports_pages_and_is_accepted_through_the_extractor(client, reviewer):
    text, _ = large_text()
    article, created = import_article(title="Harbour log", text=text)
    assert created
    extracted = article.suggestions.count()
    assert extracted >= 8_000  # the extractor finds the attributed sentences (not the bare ones)
    client.force_login(reviewer)
    r = client.get(reverse("claims:suggestions", args=[article.pk]), {"page": 3})
    assert r.status_code == 200 and len(r.content) < 300_000
    assert len(cards(r.content.decode())) == SUGGESTIONS_PAGE_SIZE
    confident = article.suggestions.filter(confidence__gte=0.8).count()
    r = client.post(reverse("claims:accept_all", args=[article.pk]))
    assert r.status_code == 302
    assert article.claims.count() == confident  # the unsure ones wait to be looked at one by one
    assert article.suggestions.filter(state="pending").count() == extracted - confident
    assert Source.objects.filter(normalised_name="afp").count() == 1
