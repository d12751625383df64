"""Editors edit a claim's attribution chain in the admin; it must end with the claim's source."""

import pytest
from django.urls import reverse

from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Claim
from tests.factories import make_claim, make_source


def change_claim(client, claim, links, **fields):
    data = {
        "article": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "source": claim.source_id or "",
        "cue": claim.cue,
        "hedge": claim.hedge,
        "loaded_version": claim.version,
        "links-TOTAL_FORMS": len(links),
        "links-INITIAL_FORMS": 0,
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 1000,
        **fields,
    }
    for i, source in enumerate(links):
        data[f"links-{i}-position"] = i
        data[f"links-{i}-source"] = source.pk
        data[f"links-{i}-claim"] = claim.pk
    return client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)


@pytest.fixture
def unchained(db):
    """A claim attributed to an anonymous official, with no chain recorded yet."""
    outlet, official = (
        make_source(name="Harbour Gazette"),
        make_source(name="a port official", kind="anonymous"),
    )
    claim = make_claim(chain=[official])
    claim.links.all().delete()
    return claim, outlet, official


def test_editor_sets_a_chain_ending_with_the_source(client, editor, unchained):
    claim, outlet, official = unchained
    client.force_login(editor)
    r = change_claim(client, claim, [outlet, official])
    assert r.status_code == 302
    assert Claim.objects.with_chain().get(pk=claim.pk).chain == [outlet, official]


def test_chain_ending_elsewhere_is_refused(client, editor, unchained):
    claim, outlet, official = unchained
    client.force_login(editor)
    r = change_claim(client, claim, [official, outlet])
    assert r.status_code == 200
    assert "The chain must end with the claim&#x27;s source (a port official)" in r.content.decode()
    assert claim.links.count() == 0


def test_claim_without_links_has_its_source_as_chain(db):
    source = make_source(name="Harbour Gazette")
    claim = make_claim(chain=[source])
    claim.links.all().delete()
    assert Claim.objects.with_chain().get(pk=claim.pk).chain == [source]


def test_editing_a_claim_after_a_decision_made_meanwhile_saves_nothing(client, editor, reviewer, unchained):
    claim, outlet, official = unchained
    client.force_login(editor)
    assert client.get(reverse("admin:claims_claim_change", args=[claim.pk])).status_code == 200
    # A reviewer decides while the editor has the page open, at the version the page was loaded at.
    record_decision(claim=claim, reviewer=reviewer, status="disputed", note="Port denies it", version=1)
    r = change_claim(client, claim, [official], cue="told", loaded_version=1)
    assert r.status_code == 200
    assert "This claim changed after you opened it" in r.content.decode()
    claim.refresh_from_db()
    assert (claim.cue, claim.status, claim.version) == ("", "disputed", 2)
