"""One record per real-world source: a role in front of a name is description, "her office" is anonymous."""

import pytest

from factcheck.claims.imports import accept_all, accept_suggestion, import_article
from factcheck.claims.models import Source
from factcheck.extraction import extract
from factcheck.extraction.names import split_descriptor

HARVEST = (
    "Farmers' union leader Ines Roca said on Monday that the wheat harvest fell by 30 percent.\n"
    "Environmental group Blue Rivers said the Velna river carried twice the permitted nitrate in 2024.\n"
    "Ines Roca said fertiliser prices had doubled since March.\n"
    "Blue Rivers said 40 tonnes of fish died in the summer.\n"
    "Her office said the union would ask for 12 million euros in aid."
)


def speakers(text):
    return [(c.source, c.chain, c.description) for c in extract(text) if c.attributed]


@pytest.mark.parametrize(
    ("text", "source", "description"),
    [
        (
            "Farmers' union leader Ines Roca said the harvest fell by 30 percent.",
            "Ines Roca",
            "farmers' union leader",
        ),
        (
            "Environmental group Blue Rivers said 40 tonnes of fish died.",
            "Blue Rivers",
            "environmental group",
        ),
        (
            "The river lost 40 tonnes of fish, environmental group Blue Rivers said.",
            "Blue Rivers",
            "environmental group",
        ),
        (
            "According to environmental group Blue Rivers, 40 tonnes of fish died.",
            "Blue Rivers",
            "environmental group",
        ),
        ("Blue Rivers said 40 tonnes of fish died.", "Blue Rivers", None),
    ],
)
def test_a_role_before_a_name_is_the_description_not_the_name(text, source, description):
    assert speakers(text) == [(source, [source], description)]


def test_her_office_is_described_by_whom_it_belongs_to():
    found = speakers("Ines Roca said the harvest fell by 30 percent. Her office said 200 farms had closed.")
    assert found[-1] == ("Her office", ["Her office"], "office of Ines Roca")


def test_a_possessive_with_nobody_to_belong_to_keeps_no_description():
    assert speakers("His spokesman said the bridge cost 3 million euros.") == [
        ("His spokesman", ["His spokesman"], None)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "President Bashar al-Assad",
        "Human Rights Watch",
        "the Ministry of Health",
        "The British Guardian",
        "Interior Minister Ana Kovac",
        "The Farmers’ Union of Velda",
        "a hospital director in Ondrel",
    ],
)
def test_titles_and_names_of_bodies_stay_whole(name):
    assert split_descriptor(name) == (name, None)


def test_a_company_before_a_role_keeps_its_capital():
    assert split_descriptor("Tesla chief executive Elon Musk") == ("Elon Musk", "Tesla chief executive")


def stored(name):
    source = Source.objects.get(name=name)
    return source.kind, source.description


def test_accepting_all_makes_one_source_per_person_and_group(db, reviewer):
    article, _ = import_article(title="Harvest down by a third", text=HARVEST)
    accept_all(article=article, by=reviewer)
    assert sorted(Source.objects.values_list("name", flat=True)) == ["Blue Rivers", "Her office", "Ines Roca"]
    assert stored("Ines Roca") == (Source.Kind.PERSON, "farmers' union leader")
    assert stored("Blue Rivers") == (Source.Kind.MONITOR, "environmental group")
    assert stored("Her office") == (Source.Kind.ANONYMOUS, "office of Ines Roca")
    assert article.claims.filter(source__name="Ines Roca").count() == 2


def test_a_later_mention_with_a_role_describes_a_source_met_bare(db, reviewer):
    text = (
        "Blue Rivers said 40 tonnes of fish died in the summer.\n"
        "Environmental group Blue Rivers said the nitrate level doubled in 2024."
    )
    article, _ = import_article(title="Fish die in the Velna", text=text)
    accept_all(article=article, by=reviewer)
    assert stored("Blue Rivers") == (Source.Kind.MONITOR, "environmental group")


def test_accepting_one_by_one_matches_the_named_source_and_keeps_the_office_anonymous(db, reviewer):
    article, _ = import_article(title="Harvest down by a third", text=HARVEST)
    for suggestion in article.suggestions.order_by("start"):
        accept_suggestion(suggestion=suggestion, by=reviewer)
    roca = Source.objects.get(normalised_name="ines roca")
    assert (roca.name, roca.kind) == ("Ines Roca", Source.Kind.PERSON)
    assert not Source.objects.named().filter(normalised_name="her office").exists()
    office = article.claims.get(text__contains="12 million").source
    assert (office.kind, office.description) == (Source.Kind.ANONYMOUS, "office of Ines Roca")


def test_the_same_person_in_a_second_article_is_the_same_source(db, reviewer):
    first, _ = import_article(title="Harvest down by a third", text=HARVEST)
    accept_all(article=first, by=reviewer)
    second, _ = import_article(title="Aid asked", text="Ines Roca said 300 farms asked for aid in May.")
    accept_all(article=second, by=reviewer)
    assert Source.objects.filter(normalised_name="ines roca").count() == 1
    assert second.claims.get().source == Source.objects.get(name="Ines Roca")


@pytest.mark.parametrize(
    "name, description, kind",
    [
        ("Reuters", "", Source.Kind.NEWS_AGENCY),
        ("a senior diplomat", "", Source.Kind.ANONYMOUS),
        ("her office", "", Source.Kind.ANONYMOUS),
        ("The Salfield Courier", "", Source.Kind.NEWS_OUTLET),
        ("Blue Rivers", "environmental group", Source.Kind.MONITOR),
        ("Ines Roca", "", Source.Kind.PERSON),
        ("Ministry of Health", "", Source.Kind.OFFICIAL),
    ],
)
def test_a_new_sources_kind_is_guessed_from_its_name_as_one_of_the_kinds_a_source_has(
    name, description, kind
):
    from factcheck.extraction.kinds import guess_kind

    guessed = guess_kind(name, description)
    assert (
        guessed == kind and guessed in Source.Kind.values
    )  # the extractor's plain string is the model's kind
