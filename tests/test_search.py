"""Queue search finds what a reviewer types, whatever the quotes, accents or case, on both databases."""

import pytest
from django.urls import reverse

from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Claim, Source
from tests.factories import make_article, make_claim, make_source


def found(client, **query) -> set:
    return set(client.get(reverse("claims:queue"), query).context["page"])


@pytest.fixture
def desk(db):
    article = make_article(
        title="Harbour minister’s plan", text="Ana Kovač said the minister’s plan is “final”. " * 2
    )
    kovac = make_source(name="Ana Kovač")
    return {
        "plan": make_claim(
            article=article, start=0, end=46, text="the minister’s plan is “final”", source=kovac
        ),
        "other": make_claim(article=make_article(title="Ferries"), text="Ferries resume on Monday"),
    }


@pytest.mark.parametrize(
    "typed", ["minister's plan", "MINISTER’S PLAN", '"final"', "“final”", "kovac", "KOVAČ"]
)
def test_quotes_apostrophes_accents_and_case_do_not_matter(client, reviewer, desk, typed):
    client.force_login(reviewer)
    assert found(client, q=typed) == {desk["plan"]}


@pytest.mark.parametrize("typed", ["soren", "Søren", "SØREN", "lodz", "Łódź", "strasse", "Straße"])
def test_letters_with_their_accent_built_in_fold_on_both_databases(client, reviewer, db, typed):
    article = make_article(text="Søren Holm said the Łódź–Straße line will reopen.")
    claim = make_claim(
        article=article, text="the Łódź–Straße line will reopen", source=make_source(name="Søren Holm")
    )
    client.force_login(reviewer)
    assert found(client, q=typed) == {claim}


def test_review_notes_are_searched_when_asked(client, reviewer, desk):
    record_decision(
        claim=desk["other"], reviewer=reviewer, status="disputed", note="Port notice says Tuesday", version=1
    )
    client.force_login(reviewer)
    assert found(client, q="port notice") == set()
    assert found(client, q="port notice", in_notes="on") == {desk["other"]}


def test_an_articles_title_matches_its_claims_only_when_asked(client, reviewer, desk):
    client.force_login(reviewer)
    assert found(client, q="harbour") == set()
    assert found(client, q="harbour", in_titles="on") == {desk["plan"]}


def test_a_corrected_claim_is_found_by_its_new_words_and_a_renamed_source_by_its_new_name(
    client, reviewer, desk
):
    """The folded text search reads is kept by the database as the text changes (Claim.folded)."""
    plan, kovac = desk["plan"], desk["plan"].source
    Claim.objects.filter(pk=plan.pk).update(text="the minister’s budget is “final”")
    Source.objects.filter(pk=kovac.pk).update(name="Ana Kovačević")
    client.force_login(reviewer)
    assert found(client, q="budget") == {plan}
    assert found(client, q="plan") == set()
    assert found(client, q="kovacevic") == {plan}


def test_words_of_the_text_and_of_the_source_find_a_claim_together_but_never_run_across_them(
    client, reviewer, desk
):
    client.force_login(reviewer)
    assert found(client, q="final kovac") == {desk["plan"]}  # one word in the text, one in the name
    assert found(client, q="final ferries") == set()  # every word must be in the claim or its source
    assert found(client, q="finalana") == set()  # the text's last word and the name's first stay apart


def test_a_claim_moved_to_another_source_is_found_by_that_sources_name(client, reviewer, desk):
    """As an edit of the chain or a merge of sources moves it: the database keeps what search reads."""
    plan = desk["plan"]
    Claim.objects.filter(pk=plan.pk).update(source=make_source(name="Port Authority of Veldra"))
    client.force_login(reviewer)
    assert found(client, q="veldra") == {plan}
    assert found(client, q="kovac") == set()
    Claim.objects.filter(pk=plan.pk).update(source=None, unattributed=True)  # the article's own claim
    assert found(client, q="veldra") == set()
    assert found(client, q="minister") == {plan}
