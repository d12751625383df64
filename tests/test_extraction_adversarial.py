"""The extractor on hostile text: runs of cues, quotes and clauses up to the article limit still come back.

Each text repeats a short fragment, the shape that once broke the stack or took minutes. No test here
measures time; a regression shows as a RecursionError or as a run the CI time limit stops.
"""

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claims.models import MAX_ARTICLE_CHARS
from factcheck.extraction import extract
from factcheck.extraction.benchmark import ADVERSARIAL, SIZES, repeated
from factcheck.extraction.extractor import MAX_SENTENCE, pieces, sentences
from factcheck.extraction.quotes import find_quotes, mask

ADDING_THAT = (
    "The minister said the bridge was closed, adding that "
    + "officials feared damage, adding that " * 1000
    + "it rained."
)
INVERTED_QUOTES = "“Z,” said " * 10000
# Straight and curly quotations, unclosed ones, a chain of clauses, sentences with no line break.
AT_THE_LIMIT = ['"Z," said ', "” she said, “", "“the mayor said ", "feared, adding that ", "It rained. "]

FRAGMENTS = st.sampled_from(
    [
        "“Z,” said ",
        '"Z," said ',
        "the mayor said",
        " she said",
        ", ",
        ",",
        " adding that ",
        ", adding that ",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "according to ",
        " told Reuters ",
        " quoted ",
        " as saying ",
        "was reported by ",
        "; ",
        ": ",
        ". ",
        "officials feared damage",
        "It rained 5 mm on Monday. ",
        " — Ana Ruiz",
        "\n",
        " ",
        "   ",
        "\t",
        "\u00a0",
    ]  # fmt: skip
)
UNITS = st.lists(FRAGMENTS, min_size=1, max_size=6).map("".join)


def assert_well_formed(text, claims):
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        if claim.attributed:
            assert claim.chain and claim.source and claim.chain[-1] == claim.source
        else:
            assert claim.source is None and claim.chain == []


def test_a_thousand_adding_that_are_read_without_recursion():
    claims = extract(ADDING_THAT)
    assert_well_formed(ADDING_THAT, claims)
    # Each "adding that" goes on with the minister, and what it adds is the officials' fear: "damage".
    feared = [c for c in claims if c.text == "damage"]
    assert len(feared) == 1000
    assert {tuple(c.chain) for c in feared} == {("The minister", "officials")}
    assert {c.cue_class for c in feared} == {"cognition"}


def test_ten_thousand_inverted_quotations_come_back():
    assert_well_formed(INVERTED_QUOTES, extract(INVERTED_QUOTES))


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_each_benchmarked_fragment_repeated_comes_back(unit):
    text = repeated(unit, SIZES[0])
    assert_well_formed(text, extract(text))


@pytest.mark.parametrize("unit", AT_THE_LIMIT)
def test_repeated_fragment_at_the_article_limit_comes_back(unit):
    text = repeated(unit, MAX_ARTICLE_CHARS)
    assert_well_formed(text, extract(text))


def test_no_piece_of_a_run_on_sentence_is_longer_than_the_bound():
    text = repeated("officials feared damage, adding that ", 50_000)
    masked = mask(text, find_quotes(text))
    spans = [piece for start, end in sentences(text) for piece in pieces(masked, start, end)]
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_wide_whitespace_does_not_crash_the_sentence_splitter():
    for text in ["D\x85.", "Mr\u3000. Ana said it. M\u3000.", "The mayor said\u00a0“yes.”\u2028"]:
        assert_well_formed(text, extract(text))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=UNITS, size=st.integers(min_value=1, max_value=SIZES[0]) | st.just(SIZES[0]))
def test_any_repeated_fragment_comes_back_well_formed(unit, size):
    text = repeated(unit, size)
    assert_well_formed(text, extract(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS | st.text(max_size=8), max_size=80).map("".join))
def test_mixed_fragments_come_back_well_formed(text):
    assert_well_formed(text, extract(text))
