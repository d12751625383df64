"""The editors' dashboard: decisions over a period, per day and per reviewer, the claims waiting longest,
the sources most disputed, and the share of claims on anonymous sources; for editors only."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from factcheck.claims.decisions import (
    assign_claim,
    edit_claim,
    publish_claim,
    record_decision,
    withdraw_claim,
)
from factcheck.claims.models import Claim, Review, Source
from tests.factories import make_article, make_claim, make_source

URL = reverse("claims:dashboard")


def days_ago(n: float):
    return timezone.now() - timedelta(days=n)


def decide(claim: Claim, who, status: str, note: str = "") -> Claim:
    record_decision(claim=claim, reviewer=who, status=status, note=note, version=claim.version)
    return claim


def old_decision(claim: Claim, who, status: str, days: float) -> Review:
    """A decision taken `days` ago (the history is append-only, so it is written with its date)."""
    return Review.objects.create(
        claim=claim, reviewer=who, old_status=claim.status, new_status=status, note="Long ago.",
        created_at=days_ago(days),
    )  # fmt: skip


@pytest.fixture
def desk(reviewer, second_reviewer, editor):
    """Alice confirms one claim and disputes one; Bob disputes one and sends another back to unverified,
    edits a decided claim and assigns one (neither a decision); one dispute is 40 days old."""
    wire = make_source(name="Harbour Wire")
    gazette = make_source(name="Gazette")
    confirmed = decide(make_claim(chain=[gazette]), reviewer, "confirmed")
    decide(make_claim(chain=[wire]), reviewer, "disputed", "The port denies it.")
    decide(make_claim(chain=[wire]), second_reviewer, "disputed", "No such ship.")
    back = decide(make_claim(chain=[gazette]), second_reviewer, "confirmed")
    # Sending it back to unverified takes its published review down too: still a decision.
    publish_claim(claim=back, by=editor, version=back.version, public=True)
    decide(back, second_reviewer, "unverified")
    edited = decide(make_claim(chain=[gazette]), reviewer, "confirmed")
    edit_claim(
        claim=edited, by=second_reviewer, version=edited.version, text="A new wording",
        start=edited.start, end=edited.end, chain=[gazette],
    )  # fmt: skip
    assign_claim(claim=make_claim(), assignee=reviewer, by=second_reviewer)
    old_decision(make_claim(chain=[gazette]), reviewer, "disputed", days=40)
    return {"wire": wire, "gazette": gazette, "confirmed": confirmed}


def per_reviewer(response) -> dict[str, dict]:
    return {row["reviewer__username"]: row for row in response.context["reviewers"]}


def test_editor_sees_decisions_per_reviewer(editor_client, desk):
    r = editor_client.get(URL)
    assert r.status_code == 200
    rows = per_reviewer(r)
    assert {k: rows["alice"][k] for k in ("confirmed", "disputed", "unverified", "total")} == {
        "confirmed": 2, "disputed": 1, "unverified": 0, "total": 3,
    }  # fmt: skip
    assert {k: rows["bob"][k] for k in ("confirmed", "disputed", "unverified", "total")} == {
        "confirmed": 1, "disputed": 1, "unverified": 1, "total": 3,
    }  # fmt: skip
    assert (
        r.context["total"] == 6
    )  # the edit, the assignment, publishing and the old dispute aren't decisions
    html = r.content.decode()
    assert '<th scope="row">alice</th><td>2</td><td>1</td><td>0</td><td>3</td>' in html


def test_decisions_per_day_are_drawn_and_told(editor_client, desk):
    r = editor_client.get(URL)
    per_day = r.context["per_day"]
    assert len(per_day) == 30 and per_day[-1] == (timezone.localdate(), 6)
    assert sum(n for _, n in per_day[:-1]) == 0
    html = r.content.decode()
    assert html.count('<rect class="bar"') == 30
    assert 'role="img"' in html and "at most 6 on a day" in html
    assert f"<td>{timezone.localdate():%a} {timezone.localdate().day}" in html  # the table alternative


def test_days_are_labelled_as_the_date_filter_would(editor_client, desk):
    """The labels are made in Python, for speed: the same text as the template's date filter."""
    r = editor_client.get(URL, {"days": "90"})
    days = [day for day, _ in r.context["per_day"]]
    told = [label for label, _ in r.context["per_day_told"]]
    assert told == [dateformat.format(day, "D j M") for day in days]
    bars = [bar["day"] for bar in r.context["chart"]["bars"]]
    assert bars == [dateformat.format(day, "j M") for day in days]
    assert f"<title>{dateformat.format(days[-1], 'j M')}: 6</title>" in r.content.decode()


def test_disputed_claims_by_source_most_first_linked(editor_client, desk):
    r = editor_client.get(URL)
    assert [(row["claim__source__name"], row["n"]) for row in r.context["disputed"]] == [("Harbour Wire", 2)]
    assert f'href="{desk["wire"].get_absolute_url()}"' in r.content.decode()
    # Over 90 days the gazette's old dispute counts too.
    r = editor_client.get(URL, {"days": "90"})
    assert [(row["claim__source__name"], row["n"]) for row in r.context["disputed"]] == [
        ("Harbour Wire", 2), ("Gazette", 1),
    ]  # fmt: skip


def test_withdrawn_claims_dispute_no_source(editor_client, reviewer, desk):
    claim = decide(make_claim(chain=[desk["wire"]]), reviewer, "disputed", "Wrong.")
    withdraw_claim(claim=claim, by=reviewer, version=claim.version, reason="Not a claim.")
    r = editor_client.get(URL)
    assert [(row["claim__source__name"], row["n"]) for row in r.context["disputed"]] == [("Harbour Wire", 2)]


def test_oldest_unverified_claims_in_order_without_withdrawn_or_decided(editor_client, reviewer):
    article = make_article(title="Storm closes the port", text="x" * 500)
    claims = {}
    for age in (3, 50, 10, 400, 1):
        claims[age] = make_claim(article=article, start=age, end=age + 5, created_at=days_ago(age))
    withdraw_claim(claim=claims[400], by=reviewer, version=1, reason="Not a claim.")
    decide(claims[50], reviewer, "confirmed")
    r = editor_client.get(URL)
    assert [c.pk for c in r.context["oldest"]] == [claims[10].pk, claims[3].pk, claims[1].pk]
    html = r.content.decode()
    assert f'href="{claims[10].get_absolute_url()}"' in html
    assert "Storm closes the port · unverified for 1\xa0week" in html


def test_only_the_twenty_oldest_are_listed(editor_client):
    article = make_article(text="x" * 500)
    made = [make_claim(article=article, start=i, end=i + 1, created_at=days_ago(100 - i)) for i in range(25)]
    r = editor_client.get(URL)
    assert [c.pk for c in r.context["oldest"]] == [c.pk for c in made[:20]]


def test_anonymous_share_of_attributed_claims_added_in_the_period(editor_client, reviewer):
    anonymous = [make_source(name=f"a port official {i}", kind=Source.Kind.ANONYMOUS) for i in range(3)]
    make_claim(chain=[make_source(name="Harbour Wire"), anonymous[0]])
    for _ in range(3):
        make_claim()  # named sources
    make_claim(unattributed=True)  # the article's own: not attributed, not counted
    make_claim(chain=[anonymous[1]], created_at=days_ago(40))  # before the period
    gone = make_claim(chain=[anonymous[2]])
    withdraw_claim(claim=gone, by=reviewer, version=1, reason="Not a claim.")
    r = editor_client.get(URL)
    assert r.context["anonymous"] == {"attributed": 4, "anonymous": 1, "percent": 25}
    assert "<strong>25%</strong> of the attributed claims added in the period: 1 of 4." in r.content.decode()
    r = editor_client.get(URL, {"days": "90"})
    assert r.context["anonymous"] == {"attributed": 5, "anonymous": 2, "percent": 40}


def test_an_empty_desk_says_so(editor_client):
    html = editor_client.get(URL).content.decode()
    assert "No decisions in this period." in html and "No claim is waiting." in html
    assert "No claim was disputed in this period." in html
    assert "No attributed claims were added in this period." in html


@pytest.mark.parametrize(("asked", "days"), [("7", 7), ("30", 30), ("90", 90)])
def test_editor_picks_the_period(editor_client, desk, asked, days):
    r = editor_client.get(URL, {"days": asked})
    assert r.context["days"] == days and len(r.context["per_day"]) == days
    assert per_reviewer(r)["alice"]["total"] == (4 if days == 90 else 3)
    assert f'aria-current="page">Last {days} days</a>' in r.content.decode()


@pytest.mark.parametrize("asked", ["abc", "-1", "0", "31", "", "7.0", "9" * 40])
def test_an_invalid_period_is_the_default(editor_client, asked):
    r = editor_client.get(URL, {"days": asked})
    assert r.status_code == 200 and r.context["days"] == 30


def test_period_links_keep_the_rest_of_the_query(editor_client):
    html = editor_client.get(URL, {"days": "7"}).content.decode()
    assert 'href="?days=90"' in html and 'href="?days=30"' in html


def test_a_decision_at_the_start_of_the_first_day_counts(editor_client, reviewer):
    claim = make_claim()
    first = timezone.localdate() - timedelta(days=6)
    Review.objects.create(
        claim=claim, reviewer=reviewer, old_status="unverified", new_status="confirmed",
        created_at=timezone.make_aware(datetime.combine(first, time.min)),
    )  # fmt: skip
    r = editor_client.get(URL, {"days": "7"})
    assert r.context["per_day"][0] == (first, 1) and r.context["total"] == 1


def test_reviewer_gets_403_and_no_link(client, reviewer):
    client.force_login(reviewer)
    assert client.get(URL).status_code == 403
    assert f'href="{URL}"' not in client.get(reverse("claims:home")).content.decode()


def test_editor_has_the_link_in_the_nav(editor_client):
    assert f'<a href="{URL}">Dashboard</a>' in editor_client.get(reverse("claims:home")).content.decode()


def test_not_logged_in_goes_to_login(client):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"] == f"{reverse('login')}?next={URL}"


def test_dashboard_runs_the_same_queries_at_any_size(
    editor_client, reviewer, second_reviewer, django_assert_num_queries
):
    # Session, user, the permissions, the header's count, and the five questions the page asks.
    for n in (2, 30):
        for i in range(n):
            who = reviewer if i % 2 else second_reviewer
            decide(make_claim(), who, "disputed", "No.")
            make_claim(chain=[make_source(kind=Source.Kind.ANONYMOUS, name=f"a source {n}-{i}")])
        with django_assert_num_queries(9):
            r = editor_client.get(URL, {"days": "90"})
        assert r.status_code == 200 and len(r.context["oldest"]) == min(20, Claim.objects.in_queue().count())


def test_the_kept_tallies_follow_decisions_withdrawals_and_moved_sources(desk, reviewer, editor):
    """On PostgreSQL triggers keep the tallies per day; on SQLite they are grouped. Either way they are what
    the history says: models.DECISION over the reviews, disputes by each claim's source now."""
    from collections import Counter

    from factcheck.claims import database
    from factcheck.claims.decisions import restore_claim
    from factcheck.claims.models import DECISION
    from factcheck.claims.sources import merge_sources

    since = timezone.now() - timedelta(days=90)

    def kept():
        tallies = Counter()
        for day, who, status, n in database.decision_tallies(since):
            tallies[day, who, status] += n
        disputes = {name: n for _, name, n in database.disputes_by_source(since, 100)}
        return +tallies, disputes, database.claims_added(since)

    def from_the_history():
        decisions = Review.objects.filter(DECISION, created_at__gte=since)
        tallies = Counter((timezone.localdate(r.created_at), r.reviewer_id, r.new_status) for r in decisions)
        disputes = Counter(
            r.claim.source.name
            for r in decisions.filter(new_status="disputed").select_related("claim__source")
            if not r.claim.withdrawn and r.claim.source
        )
        added = Claim.objects.current().filter(unattributed=False, created_at__gte=since)
        anonymous = added.filter(source__kind=Source.Kind.ANONYMOUS).count()
        return tallies, dict(disputes), (added.count(), anonymous)

    assert kept() == from_the_history()
    assert kept()[1] == {"Harbour Wire": 2, "Gazette": 1}
    claim = Claim.objects.filter(source=desk["wire"], status="disputed").first()
    withdraw_claim(claim=claim, by=reviewer, version=claim.version, reason="Not a claim")
    assert kept() == from_the_history() and kept()[1]["Harbour Wire"] == 1
    claim.refresh_from_db()
    restore_claim(claim=claim, by=reviewer, version=claim.version)
    assert kept() == from_the_history() and kept()[1]["Harbour Wire"] == 2
    claim.refresh_from_db()
    edit_claim(
        claim=claim, by=reviewer, version=claim.version, text=claim.text,
        start=claim.start, end=claim.end, chain=[desk["gazette"]],
    )  # fmt: skip  # its dispute now counts against the Gazette, as the dashboard always said
    assert kept() == from_the_history() and kept()[1] == {"Harbour Wire": 1, "Gazette": 2}
    copy = make_source(name="Harbor Wire")
    decide(make_claim(chain=[copy]), reviewer, "disputed", "Not so.")
    merge_sources(keep=desk["wire"], merge=copy, by=editor)
    assert kept() == from_the_history() and kept()[1] == {"Harbour Wire": 2, "Gazette": 2}
    # Claims added: one on an anonymous source, one made anonymous after, one added long ago.
    make_claim(chain=[make_source(name="a port official", kind=Source.Kind.ANONYMOUS)])
    Source.objects.filter(pk=desk["wire"].pk).update(kind=Source.Kind.MONITOR)  # named either way
    Source.objects.filter(pk=desk["gazette"].pk).update(kind=Source.Kind.ANONYMOUS)
    Claim.objects.filter(pk=desk["confirmed"].pk).update(created_at=timezone.now() - timedelta(days=200))
    assert kept() == from_the_history() and kept()[2][1] > 1
