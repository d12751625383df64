"""A dispute must say why in something a reader can see."""

import pytest
from django.urls import reverse

from factcheck.claims.decisions import visible
from tests.factories import HTMX

INVISIBLE = {
    "hangul filler": "\u3164\u3164",
    "hangul choseong filler": "\u115f",
    "halfwidth hangul filler": "\uffa0 \uffa0",
    "braille blank": "\u2800\u2800\u2800",
    "lone combining marks": "\u0301\u0302\u0303",
    "combining marks and spaces": " \u20dd \u0489 ",
    "zero-width and fillers": "\u200b\u3164\u200d",
    "combining marks between line breaks": "\u0301\n\u0301\t\u0302\r\n",
}


@pytest.mark.parametrize("note", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_note_of_invisible_characters_does_not_explain_a_dispute(client, reviewer, claim, note):
    client.force_login(reviewer)
    r = client.post(
        reverse("claims:decide", args=[claim.pk]),
        {"status": "disputed", "note": note, "version": claim.version},
        headers=HTMX,
    )
    assert r.status_code == 422
    assert "a note is required" in r.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.reviews.count()) == ("unverified", 0)


@pytest.mark.parametrize("note", ["é", "e\u0301", "한", "⠃", "٣", "—", "?"])
def test_a_short_visible_note_counts(note):
    assert visible(note)
