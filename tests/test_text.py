"""Pure text helpers: source-name normalisation and cutting an article into highlight runs."""

from types import SimpleNamespace

import pytest

from factcheck.claims.highlight import runs
from factcheck.extraction.names import normalise_name


@pytest.mark.parametrize(
    "name", ["The Guardian", "the British Guardian", "Guardian", "the Guardian newspaper"]
)
def test_one_outlet_written_several_ways_is_one_name(name):
    assert normalise_name(name) == "guardian"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Syrian Observatory for Human Rights", "syrian observatory for human rights"),
        ("AFP", "afp"),
        ("Agence France\u2011Presse", "agence france-presse"),
        ("Agence France-Presse", "agence france-presse"),
        ("  Sergei   Lavrov ", "sergei lavrov"),
    ],
)
def test_normalising_keeps_names_that_merely_start_with_a_nationality(name, key):
    assert normalise_name(name) == key


def claim(pk, start, end):
    return SimpleNamespace(pk=pk, start=start, end=end)


def test_runs_rebuild_the_text_and_mark_first_and_last_run_of_each_claim():
    text = "0123456789"
    outer, inner = claim(1, 0, 8), claim(2, 3, 5)
    result = runs(text, [outer, inner])
    assert "".join(r.text for r in result) == text
    assert [(r.text, r.claim and r.claim.pk, r.opens, r.closes) for r in result] == [
        ("012", 1, True, False),
        ("34", 2, True, True),
        ("567", 1, False, True),
        ("89", None, False, False),
    ]


def test_runs_without_claims_is_the_whole_text():
    assert [r.text for r in runs("plain text", [])] == ["plain text"]


def test_compact_drops_the_templates_indentation_but_no_space_a_reader_sees():
    from django.template import engines

    template = engines["django"].from_string(
        "{% load articles %}{% compact %}\n<p>\n    <a>A</a> <b>B</b>\n    words\n  kept\n</p>\n"
        "<textarea>\nA note\n  indented</textarea>\n{% endcompact %}"
    )
    html = template.render({})
    # The indentation between tags goes; a space between two tags, and the spacing inside text, stay.
    assert (
        html == "<p>\n<a>A</a> <b>B</b>\n    words\n  kept\n</p>\n<textarea>\nA note\n  indented</textarea>"
    )


def test_an_empty_fields_group_is_drawn_once_and_a_filled_in_or_invalid_one_afresh():
    from factcheck.claims.forms import DecisionForm, HopCheckForm
    from factcheck.claims.templatetags.articles import field_group

    empty = field_group(DecisionForm()["note"])
    assert empty == DecisionForm()["note"].as_field_group() and field_group(DecisionForm()["note"]) is empty
    invalid = DecisionForm({"status": "disputed", "note": "", "version": 1})
    assert not invalid.is_valid() and "a note is required" in field_group(invalid["note"])
    assert "Seen the filing" in field_group(DecisionForm({"note": "Seen the filing"})["note"])
    # Each hop's form has its own ids: drawn once per prefix, the version it is pre-set with aside.
    hop = field_group(HopCheckForm(initial={"version": 3}, prefix="hop-2")["note"])
    assert 'id="id_hop-2-note"' in hop and hop != field_group(HopCheckForm(prefix="hop-3")["note"])


def test_a_form_with_ids_of_its_own_is_drawn_afresh_and_never_kept():
    from factcheck.claims.forms import WithdrawForm
    from factcheck.claims.templatetags.articles import EMPTY_FIELD_GROUPS, field_group

    before = len(EMPTY_FIELD_GROUPS)
    html = field_group(WithdrawForm(auto_id="id_withdraw_7_%s")["reason"])
    assert 'id="id_withdraw_7_reason"' in html and len(EMPTY_FIELD_GROUPS) == before
