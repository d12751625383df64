"""A generated desk for load tests: a year of articles whose claims sit at real offsets, with history."""

from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from factcheck.accounts.roles import REVIEWERS
from factcheck.claims.management.commands import generate_desk
from factcheck.claims.models import Article, ChainLink, Claim, Review, Source, text_fingerprint
from tests.factories import make_article

CLAIMS = 300
HOPS = {Source.Kind.NEWS_OUTLET, Source.Kind.NEWS_AGENCY}


def generate(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    # Chunks of 4 articles: several go through the pipe, as at full size.
    call_command("generate_desk", claims=CLAIMS, reviewers=3, chunk=4, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def desk(db):
    """The output of generating a desk of 300 claims."""
    return generate(seed=7)


def share(items, wanted) -> float:
    return sum(item == wanted for item in items) / len(items)


def test_makes_the_claims_asked_for_in_articles_of_10_to_20(desk):
    out, err = desk
    per_article = Counter(Claim.objects.values_list("article", flat=True))
    assert sum(per_article.values()) == CLAIMS
    assert all(10 <= n <= 20 for n in per_article.values())
    assert len(per_article) == Article.objects.count()
    assert f"{Article.objects.count()} articles, {CLAIMS} claims" in out
    assert err.rstrip().endswith(f"{CLAIMS}/{CLAIMS} claims")


def test_every_claim_is_the_passage_at_its_offsets(desk):
    texts = dict(Article.objects.values_list("pk", "text"))
    spans = set()
    for article, text, start, end in Claim.objects.values_list("article", "text", "start", "end"):
        assert 0 <= start < end <= len(texts[article])
        assert texts[article][start:end] == text
        assert text == text.strip()
        spans.add((article, start, end))
    assert len(spans) == CLAIMS  # no two claims of an article on the same passage


def test_articles_read_like_a_year_of_news(desk):
    articles = list(Article.objects.select_related("outlet"))
    assert all(3_000 <= len(a.text.encode()) <= 8_192 for a in articles)
    assert all(a.text_hash == text_fingerprint(a.text) for a in articles)
    assert len({a.title for a in articles}) > 0.8 * len(articles)  # a title search finds a few, not all
    assert {a.outlet.kind for a in articles} == {Source.Kind.NEWS_OUTLET}
    today = timezone.now().date()
    assert all(today - timedelta(days=367) <= a.published_on <= today for a in articles)
    created = sorted(a.created_at for a in articles)
    assert created[-1] - created[0] > timedelta(days=60)


def test_statuses_are_mostly_unverified_then_confirmed_then_disputed(desk):
    statuses = list(Claim.objects.values_list("status", flat=True))
    assert 0.45 < share(statuses, Claim.Status.UNVERIFIED) < 0.75
    assert 0.15 < share(statuses, Claim.Status.CONFIRMED) < 0.35
    assert 0.07 < share(statuses, Claim.Status.DISPUTED) < 0.25


def test_chains_run_from_outlets_and_agencies_to_the_source(desk):
    chains = defaultdict(list)
    for claim, position, source, kind in ChainLink.objects.order_by("claim", "position").values_list(
        "claim", "position", "source", "source__kind"
    ):
        chains[claim].append((position, source, kind))
    claims = list(Claim.objects.all())
    for claim in claims:
        chain = chains[claim.pk]
        if claim.unattributed:
            assert claim.source_id is None and not chain and not claim.cue
            continue
        assert 1 <= len(chain) <= 3
        assert [position for position, _, _ in chain] == list(range(len(chain)))
        assert chain[-1][1] == claim.source_id
        assert all(kind in HOPS for _, _, kind in chain[:-1])
        assert claim.cue
    assert 0.03 < share([c.unattributed for c in claims], True) < 0.2
    assert {len(chains[c.pk]) for c in claims} == {0, 1, 2, 3}
    assert 0 < share([c.hedge for c in claims], "") < 1


def test_each_claims_history_leads_to_its_status_and_version(desk):
    history = defaultdict(list)
    for review in Review.objects.select_related("reviewer").order_by("created_at", "pk"):
        history[review.claim_id].append(review)
    claims = list(Claim.objects.select_related("assignee"))
    for claim in claims:
        verdicts = [r for r in history[claim.pk] if not r.assignment]
        assignments = [r for r in history[claim.pk] if r.assignment]
        assert claim.version == 1 + len(verdicts)
        status = Claim.Status.UNVERIFIED
        for review in history[claim.pk]:
            assert review.old_status == status
            assert review.created_at >= claim.created_at
            status = review.new_status
            if review.new_status == Claim.Status.DISPUTED or review.new_status == review.old_status:
                assert review.note
        assert status == claim.status
        if claim.status == Claim.Status.UNVERIFIED:
            assert len(verdicts) <= 1
        else:
            assert 1 <= len(verdicts) <= 3
        if claim.assignee:
            [assignment] = assignments
            assert assignment.note == f"Assigned to {claim.assignee.username}."
            assert assignment.old_status == assignment.new_status
        else:
            assert not assignments
    assert 0.1 < share([c.assignee is not None for c in claims], True) < 0.3


def test_anonymous_sources_are_quoted_in_one_article_only(desk):
    articles = defaultdict(set)
    for source, article in Claim.objects.filter(source__kind=Source.Kind.ANONYMOUS).values_list(
        "source", "article"
    ):
        articles[source].add(article)
    for source, article in ChainLink.objects.filter(source__kind=Source.Kind.ANONYMOUS).values_list(
        "source", "claim__article"
    ):
        articles[source].add(article)
    anonymous = Source.objects.filter(kind=Source.Kind.ANONYMOUS)
    assert set(articles) == set(anonymous.values_list("pk", flat=True))  # each is quoted somewhere
    assert all(len(quoted_in) == 1 for quoted_in in articles.values())
    assert 0.5 < anonymous.count() / Article.objects.count() < 1.6


def test_sources_are_named_as_imports_would_name_them(desk):
    sources = list(Source.objects.all())
    assert all(s.normalised_name == Source.key_for(s.name) for s in sources)
    named = [s.normalised_name for s in sources if not s.is_anonymous]
    assert len(named) == len(set(named))
    assert {s.kind for s in sources} == set(Source.Kind.values)


def test_bench_reviewers_log_in_with_the_printed_password(desk):
    out, _ = desk
    assert "password 'bench-password-not-secret'" in out
    reviewers = get_user_model().objects.filter(groups__name=REVIEWERS).order_by("username")
    assert [u.username for u in reviewers] == ["bench-reviewer-1", "bench-reviewer-2", "bench-reviewer-3"]
    assert all(u.check_password("bench-password-not-secret") for u in reviewers)
    assert set(Claim.objects.exclude(assignee=None).values_list("assignee__username", flat=True)) <= {
        u.username for u in reviewers
    }


def test_refuses_a_database_that_has_articles(db):
    make_article()
    with pytest.raises(CommandError, match="--append"):
        generate()
    assert not Claim.objects.exists()


def test_append_adds_new_articles_and_reuses_the_named_sources(desk):
    named = Source.objects.named().count()
    generate(seed=7, append=True)
    assert Claim.objects.count() == 2 * CLAIMS
    assert Source.objects.named().count() == named  # the same roster, found by name
    assert get_user_model().objects.filter(username__startswith="bench-").count() == 4


def snapshot() -> tuple:
    """The desk as a reader sees it, without ids of rows made outside it or the moment it was made."""
    return (
        list(Article.objects.order_by("pk").values_list("pk", "title", "text", "outlet__name")),
        list(
            Claim.objects.order_by("pk").values_list(
                "article",
                "start",
                "end",
                "source__name",
                "cue",
                "hedge",
                "status",
                "version",
                "assignee__username",
            )
        ),
        list(ChainLink.objects.order_by("pk").values_list("claim", "position", "source__name")),
        list(
            Review.objects.order_by("pk").values_list(
                "claim", "reviewer__username", "old_status", "new_status", "note", "assignment"
            )
        ),
    )


def test_the_same_seed_makes_the_same_desk(db):
    with transaction.atomic():
        generate(seed=3)
        first = snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(seed=4)
        other = snapshot()
        transaction.set_rollback(True)
    generate(seed=3)
    assert snapshot() == first
    assert other[0] != first[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL rebuilds indexes after a load")
def test_a_bulk_load_on_postgresql_leaves_every_index_and_foreign_key_in_place(db, monkeypatch):
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid::regclass::text LIKE 'claims_%%' UNION ALL "
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE 'claims_%%' ORDER BY 1, 2"
            )
            return cursor.fetchall()

    before = schema()
    monkeypatch.setattr(generate_desk, "BULK_LOAD", 1)
    out, err = generate()
    assert "indexes and foreign keys rebuilt" in err
    assert schema() == before
    assert Claim.objects.count() == CLAIMS


def test_a_run_that_fails_midway_leaves_the_database_as_it_was(db, monkeypatch):
    made = 0
    article = generate_desk.Desk.article

    def fail_after_ten(desk, *args):
        nonlocal made
        made += 1
        if made > 10:  # two chunks stored already, the third on its way
            raise RuntimeError("interrupted")
        article(desk, *args)

    monkeypatch.setattr(generate_desk.Desk, "article", fail_after_ten)
    monkeypatch.setattr(generate_desk, "BULK_LOAD", 1)  # PostgreSQL drops its indexes first
    with pytest.raises(RuntimeError, match="interrupted"):
        generate()
    assert not Article.objects.exists() and not Source.objects.exists() and not Review.objects.exists()
    monkeypatch.setattr(generate_desk.Desk, "article", article)
    generate()  # the indexes and constraints are back: a second run goes through
    assert Claim.objects.count() == CLAIMS
