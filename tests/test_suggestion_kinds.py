"""The suggestions page keeps what was stated or found apart from beliefs, intentions and opinions."""

import pytest
from django.urls import reverse

from factcheck.claims.imports import import_article
from factcheck.claims.models import Claim, Suggestion

MIXED = (
    "The harbour board said the north pier would close in May.\n"
    "Mayor Ilse Brandt vowed to keep the ferry running all winter.\n"
    "Fishermen urged the board to delay the closure until the autumn.\n"
    "An audit found that the pier had not been inspected since 2019."
)


@pytest.fixture
def mixed(db):
    article, _ = import_article(title="Pier to close", text=MIXED)
    return article


def shown(response) -> set[str]:
    """The passages of the cards on the page."""
    page = response.content.decode()
    return {s.text for s in Suggestion.objects.all() if f'id="suggestion-{s.pk}"' in page}


def test_each_suggestion_keeps_the_class_of_its_cue(mixed):
    classes = dict(mixed.suggestions.values_list("text", "cue_class"))
    assert classes == {
        "the north pier would close in May": "speech",
        "to keep the ferry running all winter": "intention",
        "the board to delay the closure until the autumn": "directive",
        "the pier had not been inspected since 2019": "evidence",
    }


def test_the_desk_can_look_at_statements_and_findings_alone(client, reviewer, mixed):
    client.force_login(reviewer)
    url = reverse("claims:suggestions", args=[mixed.pk])
    facts = shown(client.get(url, {"kind": "facts"}))
    assert facts == {"the north pier would close in May", "the pier had not been inspected since 2019"}
    views = shown(client.get(url, {"kind": "views"}))
    assert views == {
        "to keep the ferry running all winter",
        "the board to delay the closure until the autumn",
    }
    page = client.get(url, {"kind": "everything"}).content.decode()  # an unknown kind shows them all
    assert page.count('<article id="suggestion-') == 4
    assert "statements and findings (2)" in page and "beliefs, intentions and opinions (2)" in page
    assert "(intention)" in page and "(call to act)" in page  # each card names its kind


def test_accepting_the_confident_ones_shown_leaves_the_other_kind(client, reviewer, mixed):
    client.force_login(reviewer)
    r = client.post(reverse("claims:accept_all", args=[mixed.pk]), {"kind": "facts"})
    assert r.status_code == 302
    accepted = set(Claim.objects.values_list("text", flat=True))
    confident = mixed.suggestions.filter(Suggestion.of_kind("facts"), confidence__gte=Suggestion.CONFIDENT)
    confident_facts = set(confident.values_list("text", flat=True))
    assert accepted == confident_facts and accepted
    assert not mixed.suggestions.filter(Suggestion.of_kind("views")).exclude(state="pending").exists()


def test_a_mark_of_the_other_kind_opens_the_page_that_shows_its_card(client, reviewer, mixed):
    client.force_login(reviewer)
    vow = mixed.suggestions.get(cue_class="intention")
    r = client.get(reverse("claims:suggestions", args=[mixed.pk]), {"kind": "facts", "suggestion": vow.pk})
    assert vow.text in shown(r)
