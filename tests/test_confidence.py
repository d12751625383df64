"""Suggestions say how sure the extractor was; the unsure are looked at first and never accepted in bulk."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Suggestion
from tests.factories import make_article

TEXT = "The port said the pier will close. She added that 40 boats use it. Fog is reportedly thick."


@pytest.fixture
def article(db):
    article = make_article(text=TEXT)
    spans = [
        ("the pier will close", 0.9, ["read “X said that …”"]),
        ("40 boats use it", 0.6, ["speaker resolved from the pronoun “She”"]),
        ("Fog is reportedly thick", 0.5, ["no attribution: kept for its hedge"]),
    ]
    for text, confidence, reasons in spans:
        start = TEXT.index(text)
        Suggestion.objects.create(
            article=article,
            text=text,
            start=start,
            end=start + len(text),
            chain=["The port"],
            confidence=confidence,
            reasons=reasons,
        )
    return article


def test_cards_show_confidence_and_why_and_the_unsure_are_listed_first(client, reviewer, article):
    client.force_login(reviewer)
    html = client.get(reverse("claims:suggestions", args=[article.pk])).content.decode()
    assert "90%</span>: read “X said that …”" in html
    assert "60%, unsure</span>: speaker resolved from the pronoun “She”" in html
    notice = html[html.index("2 unsure suggestions to look at") :]
    assert notice.index("Fog is reportedly thick") < notice.index("40 boats use it")  # least sure first
    assert "Accept the 1 confident suggestion" in html


def test_accepting_in_bulk_takes_only_the_confident_ones(client, reviewer, article):
    client.force_login(reviewer)
    r = client.post(reverse("claims:accept_all", args=[article.pk]), follow=True)
    assert list(article.claims.values_list("text", flat=True)) == ["the pier will close"]
    assert set(article.suggestions.filter(state="pending").values_list("text", flat=True)) == {
        "40 boats use it",
        "Fog is reportedly thick",
    }
    assert "2 unsure suggestions still to look at, one by one." in r.content.decode()


def test_an_import_stores_the_extractors_confidence_and_reasons(db):
    from factcheck.claims.imports import import_article

    article, _ = import_article(
        title="Dock", text="The port said that the dock is shut. She said that 40 boats wait."
    )
    named, pronoun = article.suggestions.order_by("start")
    assert named.confidence >= Suggestion.CONFIDENT and named.reasons
    assert pronoun.confidence < named.confidence
    assert any("pronoun" in reason for reason in pronoun.reasons)
