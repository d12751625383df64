"""Each suggestion carries the extractor's confidence and the reasons for it."""

import re

import pytest

from factcheck.extraction import extract
from factcheck.extraction.confidence import CONFIDENT

PASSAGES = [
    "Ana Kovac, the finance minister, said on Monday that prices rose 4% in May. She added that wages "
    "would follow.",
    "“We will not close the plant,” said Lena Okafor, a spokeswoman for Tessaly Rail. “Not this year.”",
    "According to the Kessel Herald, the mayor resigned. The board was quoted by AFP as saying it "
    "regretted nothing.",
    "Unemployment reportedly fell to 6.1% last year, the lowest figure in a decade.",
    "Prices rose, the agency said, citing its own survey, and the ministry said that 200 jobs would go.",
]


@pytest.mark.parametrize("text", PASSAGES)
def test_every_claim_has_reasons_and_a_confidence_in_range(text):
    claims = extract(text)
    assert claims
    for claim in claims:
        assert claim.reasons, claim
        # X and Y stand for the speakers in a construction's pattern: "read “X said that …”".
        assert all(re.sub(r"\b[XY]\b", "", r).islower() for r in claim.reasons), claim.reasons
        assert 0 < claim.confidence <= 1


def test_a_speaker_resolved_from_a_pronoun_scores_lower_than_the_named_one():
    named = extract("Ana Kovac arrived late. Ana Kovac said that the talks had failed.")[-1]
    pronoun = extract("Ana Kovac arrived late. She said that the talks had failed.")[-1]
    assert named.source == pronoun.source == "Ana Kovac"
    assert pronoun.confidence < named.confidence
    assert "speaker resolved from the pronoun “she”" in pronoun.reasons


def test_an_unattributed_numeric_sentence_is_not_confident():
    [claim] = extract("The bridge carries 40,000 cars a day.")
    assert not claim.attributed
    assert claim.confidence < CONFIDENT
    assert "no attribution: kept for its number or date" in claim.reasons


def test_an_ordinary_said_that_is_confident():
    [claim] = extract("Ana Kovac said that the talks had failed.")
    assert claim.source == "Ana Kovac"
    assert claim.confidence >= CONFIDENT
    assert claim.reasons[0] == "read “X said that …”"


def test_a_speaker_of_many_words_costs_a_little():
    short = extract("A police officer said that the road was closed.")[0]
    long = extract("A police officer from the northern district of the city said that the road was closed.")[
        0
    ]
    assert long.confidence < short.confidence
    assert "speaker named in more than 6 words" in long.reasons


def test_a_claim_cut_at_an_over_long_sentence_piece_says_so():
    clause = "the council said that the levy would rise by 3% next year"
    claims = extract(", and ".join([clause] * 40).capitalize() + ".")
    cut = [c for c in claims if "span cut where an over-long sentence was split" in c.reasons]
    assert cut
    assert all(c.confidence < CONFIDENT for c in cut)
