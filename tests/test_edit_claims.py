"""Reviewers correct claims where they work: edit, withdraw, restore; every change is in the history."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from factcheck.claims.decisions import (
    BadSpan,
    NothingToRecord,
    StaleClaim,
    edit_claim,
    record_decision,
    restore_claim,
    withdraw_claim,
)
from factcheck.claims.models import Claim, Source
from tests.factories import HTMX, make_article, make_claim, make_source

TEXT = (
    "The harbour authority said the northern pier will close in May. "
    "Residents said the pier will close too early. "
    "About 1,200 boats use the pier each year."
)


@pytest.fixture
def desk(db):
    article = make_article(text=TEXT)
    authority = make_source(name="Harbour Authority", kind=Source.Kind.OFFICIAL)
    start = TEXT.index("the northern pier")
    passage = "the northern pier will close in May"
    return make_claim(article=article, start=start, end=start + len(passage), text=passage, chain=[authority])


def facts(claim, **changes) -> dict:
    """The claim's editable facts as edit_claim takes them, with `changes` applied."""
    base = {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "chain": list(claim.chain),
        "cue": claim.cue,
        "hedge": claim.hedge,
        "version": claim.version,
    }
    return base | changes


def confirmed(claim, reviewer):
    record_decision(
        claim=claim, reviewer=reviewer, status="confirmed", note="Port notice", version=claim.version
    )
    return claim


# --- The domain function -------------------------------------------------------------------------------


def test_rewording_a_confirmed_claim_returns_it_to_unverified_with_before_and_after(desk, reviewer, editor):
    confirmed(desk, reviewer)
    review = edit_claim(claim=desk, by=editor, **facts(desk, text="the pier will stay open"))
    desk.refresh_from_db()
    assert (desk.text, desk.status, desk.version) == ("the pier will stay open", "unverified", 3)
    assert (review.old_status, review.new_status, review.reviewer) == ("confirmed", "unverified", editor)
    assert review.changes == {"text": ["the northern pier will close in May", "the pier will stay open"]}


def test_changing_only_cue_or_hedge_keeps_the_status(desk, reviewer):
    confirmed(desk, reviewer)
    review = edit_claim(claim=desk, by=reviewer, **facts(desk, cue="said", hedge="reportedly"))
    desk.refresh_from_db()
    assert desk.status == "confirmed"
    assert review.changes == {"cue": ["", "said"], "hedge": ["", "reportedly"]}


def test_a_new_chain_replaces_the_links_and_is_recorded_by_name(desk, reviewer):
    wire = make_source(name="Coastal Wire", kind=Source.Kind.NEWS_AGENCY)
    authority = desk.source
    review = edit_claim(claim=desk, by=reviewer, **facts(desk, chain=[wire, authority]))
    desk = Claim.objects.with_chain().get(pk=desk.pk)
    assert [s.name for s in desk.chain] == ["Coastal Wire", "Harbour Authority"]
    assert review.changes == {"chain": [["Harbour Authority"], ["Coastal Wire", "Harbour Authority"]]}


def test_making_it_the_articles_own_statement_clears_source_and_chain(desk, reviewer):
    review = edit_claim(claim=desk, by=reviewer, **facts(desk, chain=[]))
    desk = Claim.objects.with_chain().get(pk=desk.pk)
    assert (desk.unattributed, desk.source, desk.chain) == (True, None, [])
    assert review.changes["source"] == ["Harbour Authority", None]


def test_an_edit_of_a_stale_version_changes_nothing(desk, reviewer, second_reviewer):
    stale = Claim.objects.get(pk=desk.pk)
    confirmed(desk, second_reviewer)
    with pytest.raises(StaleClaim):
        edit_claim(claim=stale, by=reviewer, **facts(stale, text="something else"))
    desk.refresh_from_db()
    assert (desk.text, desk.status, desk.reviews.count()) == (
        "the northern pier will close in May",
        "confirmed",
        1,
    )


def test_an_edit_onto_another_claims_passage_or_outside_the_text_is_refused(desk, reviewer):
    other = make_claim(article=desk.article, start=64, end=110, text="Residents said…")
    for start, end in [(other.start, other.end), (0, len(TEXT) + 5)]:
        with pytest.raises(BadSpan):
            edit_claim(claim=desk, by=reviewer, **facts(desk, start=start, end=end))
    assert not desk.reviews.exists()


def test_an_edit_that_changes_nothing_records_nothing(desk, reviewer):
    with pytest.raises(NothingToRecord):
        edit_claim(claim=desk, by=reviewer, **facts(desk))
    assert not desk.reviews.exists()


def test_a_withdrawn_claim_leaves_the_queue_keeps_its_history_and_comes_back(desk, reviewer):
    withdraw_claim(claim=desk, by=reviewer, version=desk.version, reason="A headline, not a claim")
    assert not Claim.objects.in_queue().filter(pk=desk.pk).exists()
    with pytest.raises(StaleClaim):  # nobody decides a withdrawn claim
        record_decision(claim=desk, reviewer=reviewer, status="confirmed", note="", version=desk.version)
    restore_claim(claim=desk, by=reviewer, version=desk.version)
    assert Claim.objects.in_queue().filter(pk=desk.pk).exists()
    assert [r.changes for r in desk.reviews.all()] == [
        {"withdrawn": [False, True]},
        {"withdrawn": [True, False]},
    ]
    assert desk.reviews.first().note == "A headline, not a claim"


# --- The reviewer's screens -----------------------------------------------------------------------------


def edit_url(claim) -> str:
    return reverse("claims:edit", args=[claim.pk])


def form_data(claim, **changes) -> dict:
    data = {
        "text": claim.text,
        "passage": claim.article.text[claim.start : claim.end],
        "occurrence": claim.start,
        "source": claim.source.name if claim.source else "",
        "via": "",
        "cue": claim.cue,
        "hedge": claim.hedge,
        "version": claim.version,
    }
    return data | changes


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_the_edit_form_opens_in_the_panel_with_the_claim_filled_in(client, reviewer, desk, headers):
    client.force_login(reviewer)
    r = client.get(edit_url(desk), headers=headers)
    html = r.content.decode()
    assert r.status_code == 200
    assert (b"<html" in r.content) is not bool(headers)
    assert f'id="claim-panel-{desk.pk}"' in html
    assert "the northern pier will close in May</textarea>" in html
    assert 'value="Harbour Authority"' in html
    assert "Start:" not in html and 'name="start"' not in html  # no offsets to type


def test_a_confirmed_claims_form_says_an_edit_returns_it_to_unverified(client, reviewer, desk):
    confirmed(desk, reviewer)
    client.force_login(reviewer)
    r = client.get(edit_url(desk), headers=HTMX)
    assert "returns it to unverified" in r.content.decode()


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_a_pasted_passage_found_once_moves_the_claim(client, reviewer, desk, headers):
    client.force_login(reviewer)
    passage = "About 1,200 boats use the pier each year"
    r = client.post(
        edit_url(desk), form_data(desk, passage=passage, text=passage, occurrence=""), headers=headers
    )
    desk.refresh_from_db()
    assert (desk.start, desk.end) == (TEXT.index(passage), TEXT.index(passage) + len(passage))
    location = r["HX-Redirect"] if headers else r["Location"]
    assert location == (desk.get_absolute_url().partition("#")[0] if headers else desk.get_absolute_url())
    page = client.get(location).content.decode()
    was = TEXT.index("the northern pier")
    assert "edited the claim" in page and f"characters {was}–{was + 35}" in page


def test_a_passage_not_in_the_text_is_a_clear_error(client, reviewer, desk):
    client.force_login(reviewer)
    r = client.post(edit_url(desk), form_data(desk, passage="the southern pier"), headers=HTMX)
    assert r.status_code == 422
    assert "These words are not in the article" in r.content.decode()
    assert not desk.reviews.exists()


def test_a_passage_found_twice_is_chosen_by_the_words_around_it(client, reviewer, desk):
    client.force_login(reviewer)
    r = client.post(edit_url(desk), form_data(desk, passage="the pier", occurrence=""), headers=HTMX)
    html = r.content.decode()
    assert r.status_code == 422
    assert "appear 2 times in the article: choose which one" in html
    second = TEXT.index("the pier", TEXT.index("the pier") + 1)
    assert f'name="occurrence" value="{second}"' in html
    r = client.post(edit_url(desk), form_data(desk, passage="the pier", occurrence=second), headers=HTMX)
    desk.refresh_from_db()
    assert (desk.start, desk.end) == (second, second + len("the pier"))


def test_a_new_source_and_a_hop_are_made_from_names(client, reviewer, desk):
    client.force_login(reviewer)
    data = form_data(
        desk, source="Mara Lind", via="Coastal Wire", source_kind="person", source_description="port pilot"
    )
    r = client.post(edit_url(desk), data, headers=HTMX)
    assert "HX-Redirect" in r.headers
    desk = Claim.objects.with_chain().get(pk=desk.pk)
    assert [s.name for s in desk.chain] == ["Coastal Wire", "Mara Lind"]
    assert (desk.source.kind, desk.source.description) == ("person", "port pilot")


def test_an_edit_meanwhile_overwritten_is_a_conflict_that_keeps_the_typing(
    client, reviewer, second_reviewer, desk
):
    client.force_login(reviewer)
    data = form_data(desk, text="reworded by alice")
    confirmed(desk, second_reviewer)
    r = client.post(edit_url(desk), data, headers=HTMX)
    assert r.status_code == 409
    assert "Not saved." in r.content.decode() and "reworded by alice" in r.content.decode()
    desk.refresh_from_db()
    assert (desk.text, desk.status) == ("the northern pier will close in May", "confirmed")


def test_withdrawing_needs_a_reason_then_takes_the_claim_out_of_queue_and_text(client, reviewer, desk):
    client.force_login(reviewer)
    url = reverse("claims:withdraw", args=[desk.pk])
    r = client.post(url, {"reason": "\u200b", "version": desk.version}, headers=HTMX)
    assert r.status_code == 422
    assert "Say why this is not a claim." in r.content.decode()
    r = client.post(url, {"reason": "Part of a headline", "version": desk.version}, headers=HTMX)
    assert r["HX-Redirect"] == desk.get_absolute_url().partition("#")[0]  # a reload, not a scroll
    queue = client.get(reverse("claims:queue")).content.decode()
    assert "the northern pier will close in May" not in queue
    page = client.get(desk.article.get_absolute_url()).content.decode()
    assert f'data-claim="{desk.pk}"' not in page  # no highlight
    assert "Withdrawn, not claims" in page
    panel = client.get(desk.get_absolute_url()).content.decode()
    assert "Restore it as a claim" in panel and "withdrew the claim" in panel
    desk.refresh_from_db()
    r = client.post(reverse("claims:restore", args=[desk.pk]), {"version": desk.version})
    desk.refresh_from_db()
    assert not desk.withdrawn
    assert f'data-claim="{desk.pk}"' in client.get(desk.article.get_absolute_url()).content.decode()


def test_the_source_picker_offers_named_sources_that_match(client, reviewer, desk):
    make_source(name="a port official", kind=Source.Kind.ANONYMOUS)
    client.force_login(reviewer)
    html = client.get(reverse("claims:source_options"), {"source": "harb"}).content.decode()
    assert '<option value="Harbour Authority">Government or official</option>' in html
    assert (
        "port official"
        not in client.get(reverse("claims:source_options"), {"source": "port"}).content.decode()
    )


# --- Adding a claim the extractor missed ----------------------------------------------------------------


def new_url(article) -> str:
    return reverse("claims:new_claim", args=[article.pk])


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_a_selection_opens_the_new_claim_form_with_its_passage(client, reviewer, desk, headers):
    client.force_login(reviewer)
    start = TEXT.index("About 1,200")
    r = client.get(new_url(desk.article), {"start": start, "end": start + 17}, headers=headers)
    html = r.content.decode()
    assert r.status_code == 200
    assert 'id="claim-panel-new"' in html
    assert "About 1,200 boats</textarea>" in html


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_a_pasted_passage_becomes_a_claim_in_the_queue_with_its_history(client, reviewer, desk, headers):
    client.force_login(reviewer)
    passage = "About 1,200 boats use the pier each year"
    data = {"text": passage, "passage": passage, "unattributed": "on", "hedge": ""}
    r = client.post(new_url(desk.article), data, headers=headers)
    claim = Claim.objects.get(start=TEXT.index(passage))
    assert (claim.end, claim.unattributed, claim.status) == (
        TEXT.index(passage) + len(passage),
        True,
        "unverified",
    )
    assert (r["HX-Redirect"] + f"#claim-{claim.pk}" if headers else r["Location"]) == claim.get_absolute_url()
    assert passage in client.get(reverse("claims:queue")).content.decode()
    review = claim.reviews.get()
    assert (review.reviewer, list(review.changes)) == (reviewer, ["added"])
    assert "added the claim" in client.get(claim.get_absolute_url()).content.decode()


def test_a_new_claim_overlapping_another_must_be_said_to_be_separate(client, reviewer, desk):
    client.force_login(reviewer)
    data = {"text": "pier will close", "passage": "northern pier will close", "source": "Harbour Authority"}
    r = client.post(new_url(desk.article), data, headers=HTMX)
    assert r.status_code == 422
    assert "overlaps the claim “the northern pier will close in May”" in r.content.decode()
    assert Claim.objects.count() == 1
    r = client.post(new_url(desk.article), {**data, "separate": "on"}, headers=HTMX)
    assert "HX-Redirect" in r.headers
    assert Claim.objects.count() == 2


def test_a_new_claim_on_exactly_another_claims_passage_is_refused(client, reviewer, desk):
    client.force_login(reviewer)
    data = {
        "text": "x",
        "passage": "the northern pier will close in May",
        "source": "Someone",
        "separate": "on",
    }
    r = client.post(new_url(desk.article), data, headers=HTMX)
    assert r.status_code == 422
    assert "Another claim covers exactly this passage already." in r.content.decode()
    assert Claim.objects.count() == 1


def test_the_article_text_without_its_markers_is_the_article_exactly(client, reviewer, desk):
    """What static/js/select.js counts offsets on: the page's text less markers and paragraph gaps."""
    desk.article.text = TEXT.replace(". Residents", ".\nResidents")
    desk.article.save()
    client.force_login(reviewer)
    html = client.get(desk.article.get_absolute_url()).content.decode()
    reader = ArticleText()
    reader.feed(html)
    assert "".join(reader.text) == desk.article.text


class ArticleText(HTMLParser):
    """The text of the page's article-text element, less what select.js skips."""

    SKIP = {"marker", "para-gap", "unplaced", "visually-hidden"}

    def __init__(self):
        super().__init__()
        self.depth, self.skipping, self.text = 0, 0, []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self.depth or "article-text" in classes:
            self.depth += 1
            self.skipping += bool(self.skipping or classes & self.SKIP)

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.skipping -= bool(self.skipping)

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.text.append(data)


def test_after_a_conflict_saving_again_applies_the_edit(client, reviewer, second_reviewer, desk):
    client.force_login(reviewer)
    data = form_data(desk, text="reworded by alice")
    confirmed(desk, second_reviewer)
    r = client.post(edit_url(desk), data, headers=HTMX)
    assert r.status_code == 409
    desk.refresh_from_db()
    assert (
        f'name="version" value="{desk.version}"' in r.content.decode()
    )  # the form now carries the fresh one
    r = client.post(edit_url(desk), {**data, "version": desk.version}, headers=HTMX)
    desk.refresh_from_db()
    assert (desk.text, desk.status) == ("reworded by alice", "unverified")


def test_a_pasted_passage_with_a_browsers_line_break_is_found(client, reviewer, desk):
    desk.article.text = TEXT.replace(" Residents", "\nResidents")
    desk.article.save()
    client.force_login(reviewer)
    passage = "close in May.\r\nResidents said"
    client.post(edit_url(desk), form_data(desk, passage=passage, occurrence=""), headers=HTMX)
    desk.refresh_from_db()
    assert desk.article.text[desk.start : desk.end] == "close in May.\nResidents said"


def test_a_selection_of_a_late_repeat_is_placed_where_it_was_made(client, reviewer, db):
    text = "the pier. " * 30
    article = make_article(text=text)
    client.force_login(reviewer)
    late = 25 * len("the pier. ")
    data = {"text": "the pier", "passage": "the pier", "occurrence": late, "unattributed": "on"}
    client.post(reverse("claims:new_claim", args=[article.pk]), data, headers=HTMX)
    assert Claim.objects.get(article=article).start == late


def test_a_claim_text_of_invisible_characters_is_refused(client, reviewer, desk):
    client.force_login(reviewer)
    r = client.post(edit_url(desk), form_data(desk, text="\u200b"), headers=HTMX)
    assert r.status_code == 422
    assert "show as nothing" in r.content.decode()


def test_a_refused_edit_or_new_claim_leaves_no_source_behind(client, reviewer, second_reviewer, desk):
    client.force_login(reviewer)
    stale = form_data(desk, source="Olga Berg", via="Fjord Wire", source_kind="person")
    confirmed(desk, second_reviewer)
    assert client.post(edit_url(desk), stale, headers=HTMX).status_code == 409
    taken = {"text": "x", "passage": "the northern pier will close in May", "source": "Per Holm"}
    r = client.post(new_url(desk.article), taken | {"separate": "on"}, headers=HTMX)
    assert r.status_code == 422
    assert not Source.objects.filter(name__in=["Olga Berg", "Fjord Wire", "Per Holm"]).exists()


def test_deciding_or_editing_a_claim_withdrawn_meanwhile_says_it_was_withdrawn(
    client, reviewer, second_reviewer, desk
):
    client.force_login(reviewer)
    loaded = desk.version
    withdraw_claim(claim=desk, by=second_reviewer, version=loaded, reason="A caption")
    decision = {"status": "confirmed", "note": "seen", "version": loaded}
    r = client.post(reverse("claims:decide", args=[desk.pk]), decision, headers=HTMX)
    assert r.status_code == 409
    assert (
        f"{second_reviewer} withdrew this claim" in r.content.decode() and "A caption" in r.content.decode()
    )
    r = client.post(edit_url(desk), form_data(desk, text="reworded", version=loaded), headers=HTMX)
    assert r.status_code == 409
    assert f"{second_reviewer} withdrew this claim" in r.content.decode()
    desk.refresh_from_db()
    assert (desk.status, desk.text, desk.withdrawn) == (
        "unverified",
        "the northern pier will close in May",
        True,
    )


def test_a_withdrawn_claims_passage_is_free_and_restoring_onto_a_taken_one_is_refused(client, reviewer, desk):
    client.force_login(reviewer)
    withdraw_claim(claim=desk, by=reviewer, version=desk.version, reason="Misread")
    again = {"text": "x", "passage": "the northern pier will close in May", "source": "Harbour Authority"}
    r = client.post(new_url(desk.article), again, headers=HTMX)
    assert "HX-Redirect" in r.headers  # the passage is free: the withdrawn claim has no highlight
    desk.refresh_from_db()
    r = client.post(reverse("claims:restore", args=[desk.pk]), {"version": desk.version}, headers=HTMX)
    assert r.status_code == 422
    assert "Another claim covers exactly this passage now" in r.content.decode()
    desk.refresh_from_db()
    assert desk.withdrawn and Claim.objects.current().filter(article=desk.article).count() == 1


def test_saving_a_claim_whose_passage_has_spaces_around_it_does_not_move_it(
    client, reviewer, second_reviewer
):
    article = make_article(text=TEXT)
    start = TEXT.index(" the northern pier")
    padded = make_claim(
        article=article, start=start, end=start + 36, text="the northern pier will close in May"
    )
    confirmed(padded, second_reviewer)
    client.force_login(reviewer)
    form = client.get(edit_url(padded), headers=HTMX).context["edit_form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    r = client.post(edit_url(padded), data | {"cue": "noted"}, headers=HTMX)
    assert "HX-Redirect" in r.headers
    padded.refresh_from_db()
    assert (padded.start, padded.end, padded.status) == (start, start + 36, "confirmed")


def test_a_disputed_claim_is_restored_and_its_cue_edited_without_a_note_of_their_own(editor_client, editor):
    # The dispute's note is its reason; restoring the claim or mending its cue records no new verdict.
    claim = make_claim()
    record_decision(claim=claim, reviewer=editor, status="disputed", note="The notice says June", version=1)
    withdraw_claim(claim=claim, by=editor, version=claim.version, reason="Thought it a headline")
    r = editor_client.post(
        reverse("claims:restore", args=[claim.pk]), {"version": claim.version}, headers=HTMX
    )
    assert r.status_code == 200
    claim = Claim.objects.with_chain().get(pk=claim.pk)
    assert not claim.withdrawn and claim.status == "disputed"
    edit_claim(
        claim=claim,
        by=editor,
        version=claim.version,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        chain=list(claim.chain),
        cue="said",
    )
    claim.refresh_from_db()
    assert claim.cue == "said" and claim.status == "disputed"
    assert [r.note for r in claim.reviews.all()] == ["The notice says June", "Thought it a headline", "", ""]
