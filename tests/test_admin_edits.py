"""Editors change claims in the admin, and every change lands in the claim's history through edit_claim."""

import re

import pytest
from django.db.models import F
from django.urls import reverse

from factcheck.claims.admin import STALE, WITHDRAWN, ArticleAdmin, ClaimAdmin
from factcheck.claims.decisions import record_decision, withdraw_claim
from factcheck.claims.models import MAX_NOTE_CHARS, ChainLink, Claim, Review, Source
from tests.factories import TEXT, make_article, make_claim, make_source

pytestmark = pytest.mark.django_db

PASSAGE = "the northern pier will close in May"
START = TEXT.index(PASSAGE)
END = START + len(PASSAGE)


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def claim_form(claim: Claim, chain: list[Source] | None = None, **fields) -> dict:
    """The claim's page as the admin renders it, its chain as inline rows; `chain` replaces those rows."""
    links = list(claim.links.order_by("position"))
    data = {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "source": claim.source_id or "",
        "cue": claim.cue,
        "hedge": claim.hedge,
        "loaded_version": claim.version,
        "note": "",
        "links-INITIAL_FORMS": len(links),
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 1000,
    }
    if claim.unattributed:
        data["unattributed"] = "on"
    for i, link in enumerate(links):
        data |= {f"links-{i}-id": link.pk, f"links-{i}-claim": claim.pk}
        data |= {f"links-{i}-position": link.position, f"links-{i}-source": link.source_id}
        if chain is not None:
            data[f"links-{i}-DELETE"] = "on"  # the new chain replaces the old rows
    for j, source in enumerate(chain or [], start=len(links)):
        data |= {f"links-{j}-position": j, f"links-{j}-source": source.pk, f"links-{j}-claim": claim.pk}
    data["links-TOTAL_FORMS"] = len(links) + len(chain or [])
    return data | fields


def shown_messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def back_in_the_queue(text: str) -> str:
    """What the admin tells the editor whose edit undid a decision."""
    return f"“{text}” was confirmed. What it says changed, so it is unverified again, back in the queue."


def edits(claim: Claim) -> list[Review]:
    """The claim's history rows that record a change of what it says or whether it is withdrawn."""
    return list(claim.reviews.filter(changes__isnull=False).order_by("pk"))


@pytest.fixture
def authority():
    return make_source(name="Harbour Authority", kind=Source.Kind.OFFICIAL)


@pytest.fixture
def confirmed(reviewer, authority):
    """A claim Alice has confirmed, attributed straight to the harbour authority."""
    claim = make_claim(start=START, end=END, text=PASSAGE, source=authority, cue="said")
    record_decision(claim=claim, reviewer=reviewer, status="confirmed", note="Matches the notice", version=1)
    return claim


# --- The claim's own page -------------------------------------------------------------------------------


def test_the_claim_page_carries_the_version_it_was_loaded_at(editor_client, confirmed):
    html = editor_client.get(change_url(confirmed)).content.decode()
    assert re.search(r'<input type="hidden" name="loaded_version" value="2"', html)
    assert 'name="note"' in html
    assert 'name="article"' not in html  # a claim stays in its article


def test_editor_rewording_a_confirmed_claim_sends_it_back_to_unverified(editor_client, editor, confirmed):
    reworded = "the northern pier will stay open in May"
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, text=reworded), follow=True)
    assert shown_messages(r)[0] == ("warning", back_in_the_queue(reworded))
    confirmed.refresh_from_db()
    assert (confirmed.text, confirmed.status, confirmed.version) == (reworded, "unverified", 3)
    [edit] = edits(confirmed)
    assert (edit.reviewer, edit.old_status, edit.new_status) == (editor, "confirmed", "unverified")
    assert edit.changes == {"text": [PASSAGE, reworded]}
    assert confirmed.reviews.count() == 2  # Alice's decision, then the edit
    assert Claim.objects.in_queue().filter(pk=confirmed.pk).exists()


def test_changing_only_the_hedge_keeps_the_status_and_records_it(editor_client, confirmed):
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, hedge="reportedly"), follow=True)
    [(level, message)] = shown_messages(r)
    assert level == "success" and message.endswith("was changed successfully.")
    confirmed.refresh_from_db()
    assert (confirmed.hedge, confirmed.status) == ("reportedly", "confirmed")
    [edit] = edits(confirmed)
    assert (edit.old_status, edit.new_status, edit.changes) == (
        "confirmed",
        "confirmed",
        {"hedge": ["", "reportedly"]},
    )


def test_the_editors_note_is_kept_with_the_edit(editor_client, confirmed):
    data = claim_form(confirmed, cue="announced", note="The notice says announced.")
    assert editor_client.post(change_url(confirmed), data).status_code == 302
    [edit] = edits(confirmed)
    assert (edit.note, edit.changes) == ("The notice says announced.", {"cue": ["said", "announced"]})


def test_changing_the_chain_in_the_inline_records_it_before_and_after(editor_client, confirmed, authority):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, chain=[agency, authority]))
    assert r.status_code == 302
    claim = Claim.objects.with_chain().get(pk=confirmed.pk)
    assert claim.chain == [agency, authority]
    assert claim.status == "unverified"  # the decision was about what the authority said directly
    [edit] = edits(claim)
    assert edit.changes == {"chain": [["Harbour Authority"], ["Wire Agency", "Harbour Authority"]]}


def test_removing_every_link_leaves_the_source_as_the_chain(editor_client, authority):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    claim = make_claim(chain=[agency, authority])
    assert editor_client.post(change_url(claim), claim_form(claim, chain=[])).status_code == 302
    claim = Claim.objects.with_chain().get(pk=claim.pk)
    assert claim.chain == [authority]
    assert list(ChainLink.objects.filter(claim=claim).values_list("source", flat=True)) == [authority.pk]
    assert edits(claim)[0].changes == {"chain": [["Wire Agency", "Harbour Authority"], ["Harbour Authority"]]}


def test_new_source_and_chain_are_one_edit(editor_client, confirmed):
    ministry = make_source(name="Maritime Ministry", kind=Source.Kind.OFFICIAL)
    data = claim_form(confirmed, chain=[ministry], source=ministry.pk)
    assert editor_client.post(change_url(confirmed), data).status_code == 302
    [edit] = edits(confirmed)
    assert edit.changes == {
        "source": ["Harbour Authority", "Maritime Ministry"],
        "chain": [["Harbour Authority"], ["Maritime Ministry"]],
    }


def test_marking_a_claim_unattributed_drops_its_source_and_chain(editor_client, confirmed):
    data = claim_form(confirmed, chain=[], source="", unattributed="on")
    assert editor_client.post(change_url(confirmed), data).status_code == 302
    confirmed.refresh_from_db()
    assert (confirmed.unattributed, confirmed.source, confirmed.status) == (True, None, "unverified")
    assert not confirmed.links.exists()
    assert edits(confirmed)[0].changes == {
        "source": ["Harbour Authority", None],
        "chain": [["Harbour Authority"], []],
    }


def test_a_chain_that_does_not_end_with_the_source_is_still_refused(editor_client, confirmed):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, chain=[agency]))
    assert r.status_code == 200
    assert "The chain must end with the claim&#x27;s source (Harbour Authority)" in r.content.decode()
    assert not edits(confirmed)


def test_saving_the_claim_unchanged_writes_no_history(editor_client, confirmed):
    r = editor_client.post(change_url(confirmed), claim_form(confirmed), follow=True)
    assert r.status_code == 200
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.version) == ("confirmed", 2)
    assert not edits(confirmed)
    assert confirmed.reviews.count() == 1  # Alice's decision only


def test_a_note_alone_changes_nothing_and_says_so(editor_client, confirmed):
    data = claim_form(confirmed, note="Looked at it again.")
    r = editor_client.post(change_url(confirmed), data, follow=True)
    assert ("info", "The note was not kept: nothing about the claim changed.") in shown_messages(r)
    assert confirmed.reviews.count() == 1


def test_a_decision_made_after_the_editor_opened_the_page_stops_the_save(
    editor_client, confirmed, second_reviewer
):
    page = editor_client.get(change_url(confirmed)).content.decode()
    loaded = int(re.search(r'name="loaded_version" value="(\d+)"', page).group(1))
    record_decision(
        claim=confirmed, reviewer=second_reviewer, status="disputed", note="Port denies it", version=2
    )
    data = claim_form(confirmed, text="the northern pier will stay open", loaded_version=loaded)
    r = editor_client.post(change_url(confirmed), data)
    assert r.status_code == 200
    assert STALE in r.content.decode()
    confirmed.refresh_from_db()
    assert (confirmed.text, confirmed.status, confirmed.version) == (PASSAGE, "disputed", 3)
    assert [review.new_status for review in confirmed.reviews.all()] == ["confirmed", "disputed"]


def meanwhile(monkeypatch, admin_class, change) -> None:
    """Run `change` between the form's checks and edit_claim, as another request could.

    Here it shares the request's transaction, so the refused save rolls it back too.
    """
    save_model = admin_class.save_model

    def change_then_save(self, request, obj, form, changed):
        change()
        save_model(self, request, obj, form, changed)

    monkeypatch.setattr(admin_class, "save_model", change_then_save)


def someone_else_saves_first(monkeypatch, admin_class, claim: Claim) -> None:
    meanwhile(
        monkeypatch, admin_class, lambda: Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1)
    )


def test_a_change_between_checking_and_saving_saves_nothing(editor_client, confirmed, monkeypatch):
    someone_else_saves_first(monkeypatch, ClaimAdmin, confirmed)
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, hedge="reportedly"), follow=True)
    assert r.redirect_chain == [(change_url(confirmed), 302)]
    assert shown_messages(r) == [("error", STALE)]
    confirmed.refresh_from_db()
    assert (confirmed.hedge, confirmed.status) == ("", "confirmed")
    assert not edits(confirmed)


def test_the_span_of_another_claim_is_a_form_error(editor_client, confirmed):
    other = make_claim(article=confirmed.article, start=0, end=21, text="The harbour authority")
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, start=0, end=21))
    assert r.status_code == 200
    assert "Another claim covers exactly this passage already." in r.content.decode()
    confirmed.refresh_from_db()
    assert (confirmed.start, confirmed.end) == (START, END)
    assert not edits(confirmed) and not edits(other)


def test_a_passage_claimed_between_checking_and_saving_saves_nothing(editor_client, confirmed, monkeypatch):
    meanwhile(monkeypatch, ClaimAdmin, lambda: make_claim(article=confirmed.article, start=0, end=21))
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, start=0, end=21), follow=True)
    assert shown_messages(r) == [
        ("error", "Another claim covers exactly this passage already. Nothing was saved.")
    ]
    confirmed.refresh_from_db()
    assert (confirmed.start, confirmed.end) == (START, END)
    assert not edits(confirmed)


def test_a_withdrawn_claim_is_restored_before_it_is_edited(editor_client, editor, confirmed):
    withdraw_claim(claim=confirmed, by=editor, version=2, reason="A headline, not a claim")
    r = editor_client.post(change_url(confirmed), claim_form(confirmed, hedge="reportedly"))
    assert r.status_code == 200
    assert WITHDRAWN in r.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.hedge == ""
    assert [list(edit.changes) for edit in edits(confirmed)] == [["withdrawn"]]


def test_adding_a_claim_saves_it_with_its_chain_and_starts_its_history(editor_client, editor):
    article = make_article()
    agency, outlet = make_source(name="Wire Agency"), make_source(name="Daily")
    data = {"article": article.pk, "text": PASSAGE, "start": START, "end": END, "source": outlet.pk}
    data |= {"cue": "said", "hedge": "", "links-TOTAL_FORMS": 2, "links-INITIAL_FORMS": 0}
    data |= {"links-0-position": 0, "links-0-source": agency.pk, "links-1-position": 1}
    data |= {"links-1-source": outlet.pk, "links-MIN_NUM_FORMS": 0, "links-MAX_NUM_FORMS": 1000}
    assert editor_client.post(reverse("admin:claims_claim_add"), data).status_code == 302
    claim = Claim.objects.with_chain().get()
    assert claim.chain == [agency, outlet]
    [added] = claim.reviews.all()  # who added it, and what it said, as for a claim added on its page
    assert added.reviewer == editor
    assert added.changes["added"][1] | {"span": None} == {
        "text": PASSAGE,
        "span": None,
        "source": "Daily",
        "chain": ["Wire Agency", "Daily"],
        "cue": "said",
        "hedge": "",
    }


# --- An article's claims, inline ----------------------------------------------------------------------


def article_form(claim: Claim, **row) -> dict:
    """The article's page with the claim as its one inline row; `row` changes that row's fields."""
    article = claim.article
    data = {"title": article.title, "outlet": "", "url": "", "published_on": "", "text": article.text}
    data |= {"claims-TOTAL_FORMS": 1, "claims-INITIAL_FORMS": 1, "claims-MIN_NUM_FORMS": 0}
    data |= {"claims-MAX_NUM_FORMS": 1000, "claims-0-id": claim.pk, "claims-0-article": article.pk}
    fields = {"text": claim.text, "start": claim.start, "end": claim.end, "source": claim.source_id or ""}
    fields |= {"cue": claim.cue, "hedge": claim.hedge, "loaded_version": claim.version}
    data |= {f"claims-0-{name}": value for name, value in (fields | row).items()}
    return data


def article_url(claim: Claim) -> str:
    return reverse("admin:claims_article_change", args=[claim.article_id])


def test_the_article_page_carries_each_claims_version(editor_client, confirmed):
    html = editor_client.get(article_url(confirmed)).content.decode()
    assert '<input type="hidden" name="claims-0-loaded_version" value="2"' in html


def test_rewording_a_claim_on_its_articles_page_goes_into_its_history(editor_client, editor, confirmed):
    data = article_form(confirmed, text="the pier will close")
    r = editor_client.post(article_url(confirmed), data, follow=True)
    assert shown_messages(r)[0] == ("warning", back_in_the_queue("the pier will close"))
    confirmed.refresh_from_db()
    assert (confirmed.text, confirmed.status) == ("the pier will close", "unverified")
    [edit] = edits(confirmed)
    assert (edit.reviewer, edit.changes) == (editor, {"text": [PASSAGE, "the pier will close"]})


def test_a_new_source_on_the_articles_page_starts_a_new_chain(editor_client, authority):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    ministry = make_source(name="Maritime Ministry", kind=Source.Kind.OFFICIAL)
    claim = make_claim(chain=[agency, authority])
    assert editor_client.post(article_url(claim), article_form(claim, source=ministry.pk)).status_code == 302
    assert Claim.objects.with_chain().get(pk=claim.pk).chain == [ministry]
    assert edits(claim)[0].changes == {
        "source": ["Harbour Authority", "Maritime Ministry"],
        "chain": [["Wire Agency", "Harbour Authority"], ["Maritime Ministry"]],
    }


def test_a_cue_changed_on_the_articles_page_keeps_the_chain(editor_client, authority):
    agency = make_source(name="Wire Agency", kind=Source.Kind.NEWS_AGENCY)
    claim = make_claim(chain=[agency, authority])
    assert editor_client.post(article_url(claim), article_form(claim, cue="told")).status_code == 302
    assert Claim.objects.with_chain().get(pk=claim.pk).chain == [agency, authority]
    assert edits(claim)[0].changes == {"cue": ["", "told"]}


def test_a_stale_claim_row_stops_the_whole_article_save(editor_client, confirmed, second_reviewer):
    title = confirmed.article.title
    data = article_form(confirmed, hedge="reportedly", loaded_version=2) | {"title": "Pier renamed"}
    record_decision(
        claim=confirmed, reviewer=second_reviewer, status="disputed", note="Port denies it", version=2
    )
    r = editor_client.post(article_url(confirmed), data)
    assert r.status_code == 200
    assert STALE in r.content.decode()
    confirmed.refresh_from_db()
    assert (confirmed.hedge, confirmed.status, confirmed.article.title) == ("", "disputed", title)
    assert not edits(confirmed)


def test_an_untouched_stale_row_does_not_stop_renaming_the_article(editor_client, confirmed, second_reviewer):
    data = article_form(confirmed, loaded_version=2) | {"title": "Pier renamed"}
    record_decision(
        claim=confirmed, reviewer=second_reviewer, status="disputed", note="Port denies it", version=2
    )
    assert editor_client.post(article_url(confirmed), data).status_code == 302
    confirmed.refresh_from_db()
    assert (confirmed.article.title, confirmed.status) == ("Pier renamed", "disputed")
    assert not edits(confirmed)


def test_a_row_refused_while_saving_rolls_the_article_back_too(editor_client, confirmed, monkeypatch):
    someone_else_saves_first(monkeypatch, ArticleAdmin, confirmed)
    title = confirmed.article.title
    data = article_form(confirmed, hedge="reportedly") | {"title": "Pier renamed"}
    r = editor_client.post(article_url(confirmed), data, follow=True)
    assert shown_messages(r) == [("error", STALE)]
    confirmed.refresh_from_db()
    assert (confirmed.article.title, confirmed.hedge) == (title, "")
    assert not edits(confirmed)


# --- Withdrawing and restoring, in bulk -----------------------------------------------------------------


def run_action(client, action: str, claims: list[Claim], **data):
    data = {"action": action, "index": "0", "_selected_action": [c.pk for c in claims], **data}
    return client.post(reverse("admin:claims_claim_changelist"), data, follow=True)


def test_editor_withdraws_claims_with_a_reason(editor_client, editor, confirmed):
    unverified = make_claim()
    r = run_action(editor_client, "withdraw", [confirmed, unverified], reason="Headlines, not claims")
    assert shown_messages(r) == [("success", "Withdrew 2 claim(s).")]
    for claim, status in [(confirmed, "confirmed"), (unverified, "unverified")]:
        claim.refresh_from_db()
        assert (claim.withdrawn, claim.status) == (True, status)
        [edit] = edits(claim)
        assert (edit.reviewer, edit.note, edit.changes) == (
            editor,
            "Headlines, not claims",
            {"withdrawn": [False, True]},
        )
    assert not Claim.objects.in_queue().exists()


@pytest.mark.parametrize("reason", ["", "   ", "\u200b"], ids=["blank", "spaces", "zero-width"])
def test_withdrawing_without_a_reason_is_refused(editor_client, claim, reason):
    r = run_action(editor_client, "withdraw", [claim], reason=reason)
    assert shown_messages(r) == [
        ("error", "Give the reason for withdrawing: it is kept in the claims' history.")
    ]
    claim.refresh_from_db()
    assert (claim.withdrawn, claim.version) == (False, 1)
    assert not Review.objects.exists()
    assert list(Claim.objects.in_queue()) == [claim]


def test_an_overlong_reason_is_refused(editor_client, claim):
    r = run_action(editor_client, "withdraw", [claim], reason="x" * (MAX_NOTE_CHARS + 1))
    assert shown_messages(r) == [("error", f"The reason is too long: at most {MAX_NOTE_CHARS} characters.")]
    claim.refresh_from_db()
    assert not claim.withdrawn


def test_editor_restores_withdrawn_claims_and_leaves_the_others_alone(editor_client, editor, claim):
    withdraw_claim(claim=claim, by=editor, version=1, reason="Looked like a headline")
    assert not Claim.objects.in_queue().exists()
    current = make_claim()
    r = run_action(editor_client, "restore", [claim, current], reason="It is a claim after all")
    assert shown_messages(r) == [
        ("success", "Restored 1 claim(s)."),
        ("info", "1 claim(s) were not withdrawn and were left alone."),
    ]
    claim.refresh_from_db()
    assert not claim.withdrawn
    assert [(edit.note, edit.changes) for edit in edits(claim)][-1] == (
        "It is a claim after all",
        {"withdrawn": [True, False]},
    )
    assert set(Claim.objects.in_queue()) == {claim, current}
    assert not current.reviews.exists()


def test_withdrawing_skips_claims_withdrawn_already(editor_client, editor, claim):
    withdraw_claim(claim=claim, by=editor, version=1, reason="A headline")
    r = run_action(editor_client, "withdraw", [claim], reason="Again")
    assert shown_messages(r) == [
        ("success", "Withdrew 0 claim(s)."),
        ("info", "1 claim(s) were withdrawn already and were left alone."),
    ]
    assert len(edits(claim)) == 1


def test_the_claim_list_shows_and_filters_withdrawn_claims(editor_client, editor, claim):
    current = make_claim()
    withdraw_claim(claim=claim, by=editor, version=1, reason="A headline")
    url = reverse("admin:claims_claim_changelist")
    html = editor_client.get(url).content.decode()
    assert 'class="sortable column-withdrawn"' in html
    assert '<td class="field-withdrawn"><img src="/static/admin/img/icon-yes.svg" alt="True"></td>' in html
    assert "?withdrawn__exact=1" in html
    listed = editor_client.get(url, {"withdrawn__exact": "1"}).content.decode()
    assert f'name="_selected_action" value="{claim.pk}"' in listed
    assert f'name="_selected_action" value="{current.pk}"' not in listed


# --- The history, read-only ---------------------------------------------------------------------------------


def test_the_history_lists_what_each_edit_changed(editor_client, editor, confirmed):
    data = claim_form(confirmed, text="the pier will close", hedge="reportedly")
    assert editor_client.post(change_url(confirmed), data).status_code == 302
    confirmed.refresh_from_db()
    withdraw_claim(claim=confirmed, by=editor, version=confirmed.version, reason="A headline")
    html = editor_client.get(reverse("admin:claims_review_changelist")).content.decode()
    columns = re.findall(r'<td class="field-changed">(.*?)</td>', html)
    # Alice's decision changed no field; then the edit, then the withdrawal.
    assert columns == ["—", "text, hedge", "withdrawn"]
