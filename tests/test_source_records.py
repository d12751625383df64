"""A source's track record: its page says how its claims turned out (counts, shares and a chart), how often it
spoke and passed claims on, how its hops held up, the articles it is in and its months; the sources' page
says the same by kind and description, from totals the database keeps on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.database import description_totals
from factcheck.claims.decisions import check_hop, record_decision, withdraw_claim
from factcheck.claims.models import Claim, Source
from factcheck.claims.records import by_month
from tests.factories import make_article, make_claim, make_source

pytestmark = pytest.mark.django_db
POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept totals are PostgreSQL's"
)


@pytest.fixture
def syriasteps(second_reviewer):
    """Syriasteps said three claims (2 confirmed, 1 disputed, one more withdrawn) and passed one on, whose
    hop through it was found misattributed."""
    source = make_source(name="Syriasteps", description="state-linked website")
    article = make_article(title="General defects")
    for start, status in [(0, "confirmed"), (50, "confirmed"), (100, "disputed")]:
        claim = make_claim(chain=[source], article=article, start=start, end=start + 20)
        record_decision(claim=claim, reviewer=second_reviewer, status=status, note="Seen", version=1)
    gone = make_claim(chain=[source], status=Claim.Status.CONFIRMED)
    withdraw_claim(claim=gone, by=second_reviewer, version=1, reason="No claim")
    relayed = make_claim(chain=[source, make_source(name="an intelligence source", kind="anonymous")])
    check_hop(claim=relayed, by=second_reviewer, version=1, position=0, verdict="misattributed", note="No")
    return source


def test_the_source_page_gives_its_record(client, reviewer, syriasteps):
    client.force_login(reviewer)
    page = client.get(reverse("claims:source", args=[syriasteps.pk])).content.decode()
    assert "3: 0 unverified (0%), 2 confirmed (67%), 1 disputed (33%)" in page
    assert "Of its 3 decided claims, 67% were confirmed." in page
    assert 'aria-label="0% unverified, 67% confirmed, 33% disputed"' in page  # the bar, in words
    assert page.count('<rect class="bar-confirmed"') == 2  # in the bar and this month's column
    assert "<dt>Claims it passed on</dt><dd>1," in page
    assert "<dt>Its hops checked</dt><dd>0 held up, 1 misattributed, 3 not checked</dd>" in page
    assert "<dt>Articles</dt><dd>2</dd>" in page
    assert '>General defects</a> <span class="meta">3 claims</span>' in page


def test_a_source_with_nothing_decided_draws_no_bar(client, reviewer):
    source = make_source(name="Harbour Herald")
    make_claim(chain=[source])
    client.force_login(reviewer)
    page = client.get(reverse("claims:source", args=[source.pk])).content.decode()
    assert "1: 1 unverified (100%), 0 confirmed (0%), 0 disputed (0%)" in page
    assert "decided claim" not in page


def test_the_months_count_each_claim_in_the_month_it_came_in(syriasteps):
    now = timezone.now()
    old = make_claim(chain=[syriasteps], status=Claim.Status.DISPUTED)
    Claim.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=70))
    ancient = make_claim(chain=[syriasteps])
    Claim.objects.filter(pk=ancient.pk).update(created_at=now - timedelta(days=800))  # before the chart
    months = by_month(syriasteps, now=now)
    assert len(months) == 12 and months[-1]["month"].month == now.month
    counts = [{part["status"]: part["n"] for part in month["parts"] if part["n"]} for month in months]
    assert counts[-1] == {"confirmed": 2, "disputed": 1}
    assert sum(sum(month.values()) for month in counts) == 4  # this month's three and the one of 70 days ago
    tallest = months[-1]["parts"]
    assert sum(part["height"] for part in tallest) == pytest.approx(100)


def test_the_sources_page_groups_by_kind_and_description(client, reviewer, syriasteps, second_reviewer):
    other = make_source(name="Coast Today", description="state-linked website")
    claim = make_claim(chain=[other])
    record_decision(claim=claim, reviewer=second_reviewer, status="disputed", note="Denied", version=1)
    make_claim(chain=[make_source(name="a port official", kind=Source.Kind.ANONYMOUS)])
    client.force_login(reviewer)
    page = client.get(reverse("claims:sources")).content.decode()
    news = page[page.index('id="kind-news_outlet"') : page.index('id="kind-anonymous"')]
    # Both outlets described as state-linked: 2 confirmed, 2 disputed between them; the withdrawn claim
    # and the one Syriasteps passed on to an anonymous speaker are not theirs.
    assert '<th scope="row">state-linked website</th><td>4</td><td>2 (50%)</td><td>2 (50%)</td>' in news
    assert "<td>50%</td>" in news
    anonymous = page[page.index('id="kind-anonymous"') :]
    assert '<th scope="row">Anonymous</th><td>2</td>' in anonymous
    assert "(no description)" in anonymous


def test_the_kept_totals_follow_every_change(reviewer, syriasteps, second_reviewer):
    """On PostgreSQL the totals are kept by triggers; on SQLite counted. Either way they match the claims."""

    def totals():
        statuses = ["confirmed", "disputed", "unverified"]  # the order of the counts in each row
        return {
            (kind, text, status): n
            for kind, text, *counts in description_totals(shown=100)
            for status, n in zip(statuses, counts[:3], strict=True)
            if n
        }

    assert totals()[("news_outlet", "state-linked website", "confirmed")] == 2
    claim = Claim.objects.filter(source=syriasteps, status="confirmed").first()
    record_decision(claim=claim, reviewer=reviewer, status="disputed", note="Denied", version=claim.version)
    assert totals()[("news_outlet", "state-linked website", "disputed")] == 2
    Source.objects.filter(pk=syriasteps.pk).update(kind=Source.Kind.MONITOR)  # moves its claims
    syriasteps.refresh_from_db()
    syriasteps.description = "regime outlet"
    syriasteps.save()
    assert ("news_outlet", "state-linked website", "disputed") not in totals()
    assert totals()[("monitor", "regime outlet", "disputed")] == 2
    assert totals()[("monitor", "regime outlet", "confirmed")] == 1
    Claim.objects.filter(source=syriasteps).update(withdrawn=True)
    assert not any(kind == "monitor" for kind, _, _ in totals())


def test_the_sources_page_is_linked_and_reads_fixed_queries(
    client, reviewer, syriasteps, django_assert_num_queries
):
    client.force_login(reviewer)
    assert reverse("claims:sources") in client.get(reverse("claims:home")).content.decode()
    # session, user, the user's two kinds of permission (the nav), the totals, the header's unverified count
    with django_assert_num_queries(5):
        assert client.get(reverse("claims:sources")).status_code == 200


def test_the_sources_page_needs_a_login(client):
    r = client.get(reverse("claims:sources"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_the_kept_hop_totals_follow_every_change_to_chains_and_claims(reviewer, syriasteps, second_reviewer):
    """Each source's hops by verdict, and those it passed on, as the page and the panel read them (kept by
    triggers on PostgreSQL, counted on SQLite), match the hops of current claims counted one by one."""
    from factcheck.claims.database import hop_verdicts
    from factcheck.claims.decisions import edit_claim, restore_claim
    from factcheck.claims.models import ChainLink
    from factcheck.claims.sources import merge_sources

    def kept() -> dict:
        found = Source.objects.with_counts().with_record()
        return {
            s.name: (
                hop_verdicts(s),
                s.intermediary,
                s.misattributed,
                said(s.unverified, s.confirmed, s.disputed),
            )
            for s in found
            if s.chain_links.exists()
        }

    def said(*counts) -> dict:
        return dict(zip(["unverified", "confirmed", "disputed"], counts, strict=True))

    def counted_one_by_one() -> dict:
        truth = {}
        for s in Source.objects.all():
            links = [link for link in ChainLink.objects.filter(source=s) if not link.claim.withdrawn]
            if not s.chain_links.exists():
                continue
            verdicts = {
                v: sum(link.verdict == v for link in links) for v in ["unchecked", "holds", "misattributed"]
            }
            passed_on = len({link.claim_id for link in links if link.position < link.claim.links.count() - 1})
            speaker = [c.status for c in Claim.objects.filter(source=s) if not c.withdrawn]
            statuses = {status: speaker.count(status) for status in ["unverified", "confirmed", "disputed"]}
            truth[s.name] = (verdicts, passed_on, verdicts["misattributed"], statuses)
        return truth

    assert kept() == counted_one_by_one()
    assert kept()["Syriasteps"][:3] == ({"unchecked": 3, "holds": 0, "misattributed": 1}, 1, 1)
    # A hop added outside: Syriasteps' own claim now came through a wire, which passed it on.
    wire = make_source(name="Harbour Wire")
    claim = Claim.objects.filter(source=syriasteps).exclude(withdrawn=True).first()
    edit_claim(claim=claim, by=reviewer, version=claim.version, text=claim.text, start=claim.start,
               end=claim.end, chain=[wire, syriasteps])  # fmt: skip
    assert kept() == counted_one_by_one() and kept()["Harbour Wire"][1] == 1
    # The hop taken out again, and the relayed claim's inner hop dropped: Syriasteps is its speaker now.
    claim.refresh_from_db()
    edit_claim(claim=claim, by=reviewer, version=claim.version, text=claim.text, start=claim.start,
               end=claim.end, chain=[syriasteps])  # fmt: skip
    relayed = Claim.objects.get(links__verdict="misattributed")
    check_hop(claim=relayed, by=reviewer, version=relayed.version, position=1, verdict="holds", note="Yes")
    assert kept() == counted_one_by_one()
    withdraw_claim(claim=relayed, by=reviewer, version=relayed.version, reason="Not a claim")
    assert kept() == counted_one_by_one() and kept()["Syriasteps"][2] == 0  # its broken hop went with it
    relayed.refresh_from_db()
    restore_claim(claim=relayed, by=reviewer, version=relayed.version)
    assert kept() == counted_one_by_one() and kept()["Syriasteps"][2] == 1
    confirmed = Claim.objects.filter(source=syriasteps, withdrawn=False, status="confirmed").first()
    disputed = kept()["Syriasteps"][3]["disputed"]
    record_decision(
        claim=confirmed, reviewer=second_reviewer, status="disputed", note="Denied", version=confirmed.version
    )
    assert kept() == counted_one_by_one() and kept()["Syriasteps"][3]["disputed"] == disputed + 1
    other = make_source(name="Syria Steps")
    make_claim(chain=[other, make_source(name="a general's aide", kind="anonymous")])
    merge_sources(keep=syriasteps, merge=other, by=reviewer)
    assert kept() == counted_one_by_one() and kept()["Syriasteps"][1] == 2
    doomed = make_claim(chain=[wire, syriasteps])  # no history yet, so an editor may delete it
    assert kept()["Harbour Wire"][1] == 1
    doomed.delete()  # its chain with it
    assert kept() == counted_one_by_one() and "Harbour Wire" not in kept()
    ChainLink.objects.all().delete()
    assert kept() == {} and hop_verdicts(syriasteps) == {"unchecked": 0, "holds": 0, "misattributed": 0}


def test_a_source_twice_in_one_chain_passed_that_claim_on_once(reviewer):
    from factcheck.claims.sources import merge_sources

    wire, copy = make_source(name="Harbour Wire"), make_source(name="Harbor Wire")
    make_claim(chain=[wire, copy, make_source(name="a port official", kind="anonymous")])
    merge_sources(keep=wire, merge=copy, by=reviewer)  # the chain now runs through the wire twice
    assert Source.objects.with_counts().get(pk=wire.pk).intermediary == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept totals and their triggers are PostgreSQL's"
)
def test_a_hop_check_writes_only_its_own_sources_totals(reviewer):
    """So that checks of hops of different sources in chains through one wire agency never wait for each
    other on the agency's totals (nor two chain edits lock them crosswise)."""
    from factcheck.claims.database import hop_verdicts

    wire, paper = make_source(name="Harbour Wire"), make_source(name="Coast Paper")
    claim = make_claim(chain=[wire, paper])

    def versions():  # the row versions of the wire's totals: a row written anew has a new xmin
        with connection.cursor() as cursor:
            cursor.execute("SELECT counted, xmin::text FROM claims_hop_total WHERE source_id = %s", [wire.pk])
            return dict(cursor.fetchall())

    before = versions()
    check_hop(claim=claim, by=reviewer, version=claim.version, position=1, verdict="holds", note="Seen")
    assert versions() == before  # the paper's hop was checked: the wire's totals untouched
    assert hop_verdicts(paper) == {"unchecked": 0, "holds": 1, "misattributed": 0}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept totals and their triggers are PostgreSQL's"
)
def test_hops_written_before_their_claim_count_once_it_is_there():
    from factcheck.claims.database import hop_verdicts
    from factcheck.claims.models import ChainLink

    wire, official = make_source(name="Harbour Wire"), make_source(name="a port official", kind="anonymous")
    article = make_article()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django's own foreign keys allow
        ChainLink.objects.bulk_create(
            [
                ChainLink(claim_id=987654, position=0, source=wire),
                ChainLink(claim_id=987654, position=1, source=official),
            ]
        )
        Claim.objects.create(pk=987654, article=article, start=0, end=20, text="x", source=official)
    assert hop_verdicts(wire)["unchecked"] == 1
    assert Source.objects.with_counts().get(pk=wire.pk).intermediary == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept totals and their triggers are PostgreSQL's"
)
def test_rebuild_totals_recounts_what_drifted(syriasteps):
    from io import StringIO

    from django.core.management import call_command

    from factcheck.claims.database import hop_verdicts

    right = hop_verdicts(syriasteps)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_hop_total SET n = n + 40 WHERE source_id = %s", [syriasteps.pk])
    assert hop_verdicts(syriasteps) != right
    out = StringIO()
    call_command("rebuild_totals", stdout=out)
    assert hop_verdicts(syriasteps) == right and "Recounted hops per source." in out.getvalue()
