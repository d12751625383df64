"""Checking each hop of a chain: did the Guardian really report it, did Syriasteps really say it? Each hop
gets its own verdict, note and evidence in the claim's history; the claim's status stays the verdict on
what it says."""

import pytest
from django.urls import reverse

from factcheck.claims.decisions import NoteRequired, check_hop, edit_claim, record_decision, withdraw_claim
from factcheck.claims.models import Claim, Source
from tests.factories import HTMX, make_article, make_claim, make_source


@pytest.fixture
def relayed(db):
    """'The Guardian reported that Syriasteps said that a source confirmed …': three hops."""
    guardian = make_source(name="The Guardian")
    syriasteps = make_source(name="Syriasteps")
    insider = make_source(name="an intelligence source", kind=Source.Kind.ANONYMOUS)
    return make_claim(chain=[guardian, syriasteps, insider], cue="reported")


def decide_hop(client, claim, position, verdict, note="", **fields):
    data = {
        f"hop{position}-{key}": value for key, value in {"verdict": verdict, "note": note, **fields}.items()
    }
    data.setdefault(f"hop{position}-version", claim.version)
    return client.post(reverse("claims:decide_hop", args=[claim.pk, position]), data, headers=HTMX)


def verdicts(claim) -> list[str]:
    return list(claim.links.order_by("position").values_list("verdict", flat=True))


def test_reviewer_marks_a_hop_misattributed_with_note_and_evidence(client, reviewer, relayed):
    client.force_login(reviewer)
    r = decide_hop(
        client,
        relayed,
        1,
        "misattributed",
        note="Syriasteps never ran this; the Guardian misread a repost.",
        evidence_url="https://archive.example/syriasteps-front-page",
        evidence_excerpt="No such report appears on the site that day.",
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "<html" not in page and f'id="claim-panel-{relayed.pk}"' in page
    assert '<li class="hop-misattributed"><a href="/sources/' in page
    assert "(0 confirmed, 0 disputed, 1 hop misattributed)" in page  # Syriasteps' record, read again
    # Like a decision's, the reply leaves the history for the panel to fetch when it comes into view.
    assert reverse("claims:claim_history", args=[relayed.pk]) in page
    history = client.get(reverse("claims:claim_history", args=[relayed.pk]), headers=HTMX).content.decode()
    assert "checked hop 2 (Syriasteps): <strong>misattributed</strong>" in history
    assert "the Guardian misread a repost" in history and "archive.example/syriasteps-front-page" in history
    relayed.refresh_from_db()
    assert verdicts(relayed) == ["unchecked", "misattributed", "unchecked"]
    assert relayed.status == "unverified"  # the claim's own verdict is untouched
    review = relayed.reviews.get()
    assert review.changes == {
        "hop": {"position": 1, "source": "Syriasteps", "verdict": ["unchecked", "misattributed"]}
    }
    assert review.evidence_excerpt == "No such report appears on the site that day."


def test_a_hop_that_holds_is_marked_and_the_status_is_kept(client, reviewer, relayed, second_reviewer):
    record_decision(claim=relayed, reviewer=second_reviewer, status="confirmed", note="", version=1)
    client.force_login(reviewer)
    r = decide_hop(client, relayed, 0, "holds", note="The Guardian's story of 3 July says so.")
    assert r.status_code == 200 and "The attribution holds" in r.content.decode()
    relayed.refresh_from_db()
    assert verdicts(relayed)[0] == "holds" and relayed.status == "confirmed"


def test_without_javascript_a_hop_check_returns_to_the_claim(client, reviewer, relayed):
    client.force_login(reviewer)
    data = {"hop2-verdict": "holds", "hop2-note": "", "hop2-version": relayed.version}
    r = client.post(reverse("claims:decide_hop", args=[relayed.pk, 2]), data)
    assert r.status_code == 302 and r["Location"] == relayed.get_absolute_url()
    assert "Recorded the hop&#x27;s check." in client.get(r["Location"]).content.decode()


def test_misattributed_without_a_note_is_refused_in_the_hops_own_form(client, reviewer, relayed):
    client.force_login(reviewer)
    r = decide_hop(client, relayed, 1, "misattributed", note="   ")
    assert r.status_code == 422
    page = r.content.decode()
    assert "Say why the attribution does not hold: a note is required." in page
    assert '<details class="hop-checks" open>' in page
    assert verdicts(relayed) == ["unchecked"] * 3 and not relayed.reviews.exists()
    with pytest.raises(NoteRequired):
        check_hop(claim=relayed, by=reviewer, version=relayed.version, position=1, verdict="misattributed")


@pytest.mark.parametrize("verdict", ["", "wrong", "confirmed"])
def test_an_unknown_verdict_is_refused(client, reviewer, relayed, verdict):
    client.force_login(reviewer)
    r = decide_hop(client, relayed, 0, verdict)
    assert r.status_code == 422 and verdicts(relayed) == ["unchecked"] * 3


def test_the_same_verdict_again_with_nothing_new_is_refused(client, reviewer, relayed):
    client.force_login(reviewer)
    assert decide_hop(client, relayed, 0, "holds").status_code == 200
    relayed.refresh_from_db()
    r = decide_hop(client, relayed, 0, "holds")
    assert r.status_code == 422 and "That is the hop&#x27;s verdict already." in r.content.decode()
    assert relayed.reviews.count() == 1


def test_a_check_of_an_older_state_is_a_conflict_and_overwrites_nothing(
    client, reviewer, second_reviewer, relayed
):
    seen = Claim.objects.get(pk=relayed.pk)
    check_hop(
        claim=relayed, by=second_reviewer, version=1, position=1, verdict="misattributed", note="Not there"
    )
    client.force_login(reviewer)
    r = decide_hop(client, seen, 1, "holds", note="Looks fine")
    assert r.status_code == 409
    page = r.content.decode()
    assert "Not saved.</strong> bob checked hop 2 (Syriasteps): <strong>misattributed</strong>" in page
    assert verdicts(relayed)[1] == "misattributed"


def test_a_hop_the_chain_does_not_have_is_a_404(client, reviewer, relayed):
    client.force_login(reviewer)
    assert decide_hop(client, relayed, 3, "holds").status_code == 404
    assert not relayed.reviews.exists()


def test_the_panel_shows_each_hops_source_record_in_one_line(client, reviewer, relayed, second_reviewer):
    syriasteps = Source.objects.get(name="Syriasteps")
    for status, note in [("confirmed", ""), ("confirmed", ""), ("disputed", "Denied by the ministry")]:
        said = make_claim(chain=[syriasteps])
        record_decision(claim=said, reviewer=second_reviewer, status=status, note=note, version=1)
    other = make_claim(chain=[make_source(name="Coast Wire"), syriasteps, make_source()])
    check_hop(
        claim=other, by=second_reviewer, version=1, position=1, verdict="misattributed", note="Never said"
    )
    client.force_login(reviewer)
    panel = client.get(reverse("claims:claim_panel", args=[relayed.pk]), headers=HTMX).content.decode()
    assert (
        '>Syriasteps</a> <span class="meta record">(2 confirmed, 1 disputed, 1 hop misattributed)</span>'
        in panel
    )
    assert ">The Guardian</a></li>" in panel  # nothing decided yet: no record to show


def test_a_decisions_reply_leaves_the_hop_forms_to_be_fetched(client, reviewer, relayed):
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide", args=[relayed.pk]),
        {"status": "confirmed", "note": "", "version": relayed.version},
        headers=HTMX,
    )
    html = r.content.decode()
    assert r.status_code == 200 and 'class="hop-check"' not in html
    assert f'hx-get="{reverse("claims:hop_forms", args=[relayed.pk])}?version=2"' in html
    r = client.get(reverse("claims:hop_forms", args=[relayed.pk]), {"version": 2}, headers=HTMX)
    assert r.status_code == 200 and r.content.decode().count('class="hop-check"') == 3
    assert 'name="hop1-version" value="2"' in r.content.decode()


def test_the_queue_filters_claims_with_a_broken_or_unchecked_hop(client, reviewer, relayed, second_reviewer):
    checked = make_claim(chain=[make_source(name="Port Wire")])
    check_hop(claim=checked, by=second_reviewer, version=1, position=0, verdict="holds", note="")
    check_hop(
        claim=relayed, by=second_reviewer, version=1, position=1, verdict="misattributed", note="Not there"
    )
    client.force_login(reviewer)

    def shown(**query):
        page = client.get(reverse("claims:queue"), query).content.decode()
        return {pk for pk in (relayed.pk, checked.pk) if f'id="queue-row-{pk}"' in page}, page

    broken, page = shown(hops="broken")
    assert broken == {relayed.pk} and "a hop misattributed" in page
    assert shown(hops="unchecked")[0] == {relayed.pk}
    assert shown()[0] == {relayed.pk, checked.pk}
    assert shown(hops="nonsense")[0] == {relayed.pk, checked.pk}  # an invalid filter is shown, not applied


def test_changing_the_chain_leaves_its_new_hops_unchecked_and_keeps_the_others(reviewer, relayed):
    check_hop(claim=relayed, by=reviewer, version=1, position=0, verdict="holds", note="")
    check_hop(claim=relayed, by=reviewer, version=2, position=1, verdict="misattributed", note="Not there")
    relayed = Claim.objects.with_chain().get(pk=relayed.pk)
    edit_claim(
        claim=relayed,
        by=reviewer,
        version=relayed.version,
        text=relayed.text,
        start=relayed.start,
        end=relayed.end,
        chain=[make_source(name="Harbour Herald"), *relayed.chain[1:]],
    )
    # The new outermost reporter has not been checked; Syriasteps, still second, keeps its check.
    assert verdicts(relayed) == ["unchecked", "misattributed", "unchecked"]


def test_the_queue_with_the_hop_filter_runs_fixed_queries(client, reviewer, django_assert_num_queries):
    article = make_article()
    for start in range(0, 100, 10):
        make_claim(article=article, start=start, end=start + 5)
    client.force_login(reviewer)
    with django_assert_num_queries(7):
        r = client.get(reverse("claims:queue"), {"hops": "unchecked"})
    assert r.status_code == 200 and r.content.decode().count("data-row") == 10


def test_the_admin_history_names_the_hop_checked(admin_client, reviewer, relayed):
    check_hop(claim=relayed, by=reviewer, version=1, position=1, verdict="misattributed", note="Not there")
    page = admin_client.get(reverse("admin:claims_review_changelist")).content.decode()
    assert "hop 2 (Syriasteps): misattributed" in page


def test_a_withdrawn_claims_hops_cannot_be_checked(client, reviewer, relayed):
    withdraw_claim(claim=relayed, by=reviewer, version=1, reason="Not a claim")
    relayed.refresh_from_db()
    client.force_login(reviewer)
    r = decide_hop(client, relayed, 0, "holds")
    assert r.status_code == 409 and verdicts(relayed) == ["unchecked"] * 3
    assert "withdrew this claim" in r.content.decode()
