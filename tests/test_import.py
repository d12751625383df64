"""Importing articles: paste or upload, suggested claims accepted, edited or rejected, no duplicates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from factcheck.claims.imports import BadSpan, SuggestionDecided, accept_suggestion, import_article
from factcheck.claims.models import Article, Claim, ImportJob, Source, Suggestion
from tests.factories import HTMX, make_source

STORY = (
    "The Lakeside Ledger reported that the port agency said an inspector had confirmed the crane fell.\n"
    "A harbour official told reporters that 40 workers were sent home on Monday.\n"
    "About 1,200 boats use the harbour each year."
)


def paste(client, **data):
    data = {"title": "Crane falls at the port", "text": STORY, **data}
    return client.post(reverse("claims:import"), data)


@pytest.fixture
def imported(db):
    article, _ = import_article(title="Crane falls at the port", text=STORY)
    return article


def test_reviewer_pastes_an_article_and_gets_suggested_claims(client, reviewer):
    client.force_login(reviewer)
    r = paste(client, url="https://example.org/crane", outlet="Harbour Gazette")
    article = Article.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("claims:suggestions", args=[article.pk])
    assert article.outlet.name == "Harbour Gazette"
    chains = {tuple(s.chain) for s in article.suggestions.all()}
    assert ("The Lakeside Ledger", "the port agency", "an inspector") in chains
    assert ("A harbour official",) in chains
    assert () in chains  # the article's own number
    assert not Claim.objects.exists()  # nothing reaches the queue before a person accepts it
    page = client.get(r["Location"]).content.decode()
    assert "3 suggested, 3 still to decide" in page
    assert "the crane fell" in page


@pytest.mark.parametrize(
    "change", [{}, {"text": "  " + STORY.replace("\n", "\n\n") + "  "}, {"title": "Other"}]
)
def test_importing_the_same_text_again_adds_nothing(client, reviewer, imported, change):
    client.force_login(reviewer)
    r = paste(client, **change)
    assert r["Location"] == reverse("claims:suggestions", args=[imported.pk])
    assert Article.objects.count() == 1 and Suggestion.objects.count() == 3
    assert "imported before" in client.get(r["Location"]).content.decode()


def test_importing_the_same_url_again_adds_nothing(client, reviewer):
    client.force_login(reviewer)
    paste(client, url="https://example.org/crane")
    paste(client, url="https://example.org/crane", text="A corrected version of the story, 2 lines.")
    assert Article.objects.count() == 1


def test_upload_a_text_file(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("crane.txt", STORY.encode(), content_type="text/plain")
    r = client.post(reverse("claims:import"), {"title": "Crane", "file": upload})
    assert r.status_code == 302
    assert Article.objects.get().text == STORY


def test_upload_an_html_page_keeps_only_the_article_text(client, reviewer):
    html = (
        "<html><head><title>Crane</title></head><body><nav>Home | Sport | Weather</nav>"
        "<article><h1>Crane falls</h1><p>The port agency said on Monday that an inspector had confirmed"
        " the crane fell.</p><p>“Nobody was hurt,” said Ana Lind, the harbour master.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    client.force_login(reviewer)
    upload = SimpleUploadedFile("crane.html", html.encode(), content_type="text/html")
    client.post(reverse("claims:import"), {"title": "Crane", "file": upload})
    text = Article.objects.get().text
    assert "the crane fell" in text and "Nobody was hurt" in text
    assert "Subscribe" not in text and "Weather" not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste the article text or upload a file."),
        ({"text": "x" * 200_001}, "Ensure this value has at most 200000 characters"),
        ({"title": ""}, "This field is required."),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}, "Upload a .txt or .html file."),
        ({"file": SimpleUploadedFile("a.txt", "é".encode("latin-1"))}, "The file is not UTF-8 text."),
        ({"file": SimpleUploadedFile("a.txt", b"x" * 2_000_001)}, "The file is larger than 2 MB."),
    ],
    ids=["empty", "oversize", "no-title", "bad-url", "pdf", "latin-1", "big-file"],
)
def test_bad_import_is_refused_with_a_message_and_stores_nothing(client, reviewer, data, message):
    client.force_login(reviewer)
    r = paste(client, **data)
    assert r.status_code == 422
    assert message in r.content.decode()
    assert not Article.objects.exists()


def card(client, suggestion, headers=HTMX, **data):
    return client.post(reverse("claims:decide_suggestion", args=[suggestion.pk]), data, headers=headers)


def test_accepting_a_suggestion_puts_the_claim_in_the_queue_with_its_chain(client, reviewer, imported):
    guardian = make_source(name="The Lakeside Ledger")
    suggestion = next(s for s in imported.suggestions.all() if "an inspector" in s.chain)
    client.force_login(reviewer)
    r = card(client, suggestion, action="accept")
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert f'id="suggestion-{suggestion.pk}"' in r.content.decode() and "Accepted" in r.content.decode()
    claim = Claim.objects.with_chain().get()
    assert [s.name for s in claim.chain] == ["The Lakeside Ledger", "the port agency", "an inspector"]
    assert claim.chain[0] == guardian  # matched to the stored source by its normalised name
    assert claim.chain[-1].kind == Source.Kind.ANONYMOUS
    assert (claim.text, claim.cue, claim.status) == ("the crane fell", "confirmed", "unverified")
    assert claim.passage == "the crane fell"
    suggestion.refresh_from_db()
    assert suggestion.claim == claim and suggestion.decided_by == reviewer


def test_accepting_without_js_redirects_back_to_the_list(client, reviewer, imported):
    suggestion = imported.suggestions.first()
    client.force_login(reviewer)
    r = card(client, suggestion, headers={}, action="accept")
    assert r.status_code == 302
    assert r["Location"].endswith(f"#suggestion-{suggestion.pk}")


def test_editing_a_suggestion_before_accepting_it(client, reviewer, imported):
    suggestion = next(s for s in imported.suggestions.all() if s.chain == ["A harbour official"])
    client.force_login(reviewer)
    r = card(
        client,
        suggestion,
        action="edit",
        text="40 workers were sent home",
        passage="40 workers were sent home",  # the words, found in the text: no offsets
        chain="AFP > A harbour official",
        cue="told",
        hedge="",
    )
    assert r.status_code == 200
    claim = Claim.objects.with_chain().get()
    assert [s.name for s in claim.chain] == ["AFP", "A harbour official"]
    assert claim.chain[0].kind == Source.Kind.NEWS_AGENCY
    assert claim.passage == "40 workers were sent home"


@pytest.mark.parametrize(
    "fields",
    [{"passage": ""}, {"passage": "words that are nowhere in it"}, {"passage": "the", "occurrence": "x"}],
    ids=["no-passage", "not-in-the-text", "bad-choice"],
)
def test_editing_with_a_bad_passage_is_refused(client, reviewer, imported, fields):
    suggestion = imported.suggestions.first()
    client.force_login(reviewer)
    r = card(client, suggestion, action="edit", text="x", chain="", cue="", hedge="", **fields)
    assert r.status_code == 422
    assert not Claim.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.state == "pending"


def test_rejecting_keeps_the_claim_out_of_the_queue(client, reviewer, imported):
    suggestion = imported.suggestions.first()
    client.force_login(reviewer)
    r = card(client, suggestion, action="reject")
    assert r.status_code == 200 and "Rejected" in r.content.decode()
    assert not Claim.objects.exists()


def test_deciding_twice_is_a_conflict_and_changes_nothing(client, reviewer, second_reviewer, imported):
    suggestion = imported.suggestions.first()
    accept_suggestion(suggestion=suggestion, by=second_reviewer)
    client.force_login(reviewer)
    r = card(client, suggestion, action="reject")
    assert r.status_code == 409
    assert "Already accepted by someone else." in r.content.decode()
    assert Claim.objects.count() == 1
    suggestion.refresh_from_db()
    assert suggestion.state == "accepted"


def test_unknown_action_is_refused(client, reviewer, imported):
    client.force_login(reviewer)
    r = card(client, imported.suggestions.first(), action="publish")
    assert r.status_code == 422 and "Choose accept, edit or reject." in r.content.decode()


def test_accept_all_sends_every_confident_pending_suggestion_to_the_queue(client, reviewer, imported):
    client.force_login(reviewer)
    card(client, imported.suggestions.first(), action="reject")
    pending = imported.suggestions.filter(state="pending")
    confident = set(pending.filter(confidence__gte=0.8).values_list("text", flat=True))
    unsure = set(pending.filter(confidence__lt=0.8).values_list("text", flat=True))
    r = client.post(reverse("claims:accept_all", args=[imported.pk]))
    assert r["Location"] == imported.get_absolute_url()
    assert set(Claim.objects.values_list("text", flat=True)) == confident
    assert set(pending.values_list("text", flat=True)) == unsure  # left for a look, one by one


def test_anonymous_sources_are_kept_apart_across_articles(reviewer, imported):
    other, _ = import_article(
        title="Second", text="An inspector had confirmed the crane fell on Friday, the agency said."
    )
    for article in (imported, other):
        for suggestion in article.suggestions.all():
            accept_suggestion(suggestion=suggestion, by=reviewer)
    assert Source.objects.filter(kind=Source.Kind.ANONYMOUS, normalised_name="an inspector").count() == 2
    assert Source.objects.filter(normalised_name="port agency").count() == 1


def test_suggestions_page_runs_fixed_queries(client, reviewer, django_assert_num_queries):
    text = " ".join(f"Official number {i} said the pier will close in May." for i in range(50))
    article, _ = import_article(title="Fifty", text=text)
    assert article.suggestions.count() == 50
    client.force_login(reviewer)
    with django_assert_num_queries(9):
        r = client.get(reverse("claims:suggestions", args=[article.pk]))
    assert r.status_code == 200 and r.content.decode().count('<article id="suggestion-') == 50


def test_bulk_import_command_with_progress(tmp_path, db, capsys):
    (tmp_path / "one.txt").write_text(
        "Ferry fares rise\nThe ferry company said fares will rise by 8 percent."
    )
    (tmp_path / "two.html").write_text(
        "<html><head><title>Dam is safe</title></head><body><article><p>The dam is safe, the water agency"
        " said on Tuesday.</p></article></body></html>"
    )
    (tmp_path / "notes.md").write_text("ignored")
    call_command("import_articles", str(tmp_path))
    out = capsys.readouterr()
    assert "Imported 2 article(s); 0 already there" in out.out
    assert "2/2" in out.err
    assert set(Article.objects.values_list("title", flat=True)) == {"Ferry fares rise", "Dam is safe"}
    call_command("import_articles", str(tmp_path))
    assert "Imported 0 article(s); 2 already there" in capsys.readouterr().out


def test_a_backlog_imported_in_the_background_shows_its_progress(
    tmp_path, transactional_db, capsys, editor_client
):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            f"Ferry fares rise {i}\nThe ferry company said fares will rise by {i} percent."
        )
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    call_command("import_articles", str(tmp_path), "--background")
    assert "Queued import job" in capsys.readouterr().out
    job = ImportJob.objects.get()
    assert (job.state, job.progress, Article.objects.count()) == ("queued", "0 of 4 files", 0)  # nothing yet
    page = editor_client.get(reverse("admin:claims_importjob_changelist")).content.decode()
    assert "0 of 4 files" in page and "Queued" in page
    call_command("db_worker", "--batch")  # a background worker takes the job, then stops
    job.refresh_from_db()
    assert (job.state, job.progress, job.imported, job.failed) == ("finished", "4 of 4 files", 3, 1)
    assert "broken.txt" in job.errors[0] and Article.objects.count() == 3
    assert Claim.objects.count() == 0 and Suggestion.objects.count() == 3  # suggestions wait for a look
    page = editor_client.get(reverse("admin:claims_importjob_changelist")).content.decode()
    assert "4 of 4 files" in page and "Finished" in page


def test_two_suggestions_on_one_span_make_one_claim(reviewer, imported):
    first = imported.suggestions.first()
    twin = Suggestion.objects.create(article=imported, text=first.text, start=first.start, end=first.end)
    accept_suggestion(suggestion=first, by=reviewer)
    with pytest.raises(BadSpan):
        accept_suggestion(suggestion=twin, by=reviewer)
    assert Claim.objects.count() == 1
    twin.refresh_from_db()
    assert twin.state == "pending"  # nothing half-done: the twin can still be edited onto another span


def test_the_database_keeps_one_claim_per_span(imported):
    Claim.objects.create(article=imported, text="x", start=0, end=5, unattributed=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=imported, text="y", start=0, end=5, unattributed=True)


def test_accepting_an_already_accepted_suggestion_is_decided_not_a_bad_span(
    reviewer, second_reviewer, imported
):
    stale = imported.suggestions.first()
    accept_suggestion(suggestion=Suggestion.objects.get(pk=stale.pk), by=second_reviewer)
    with pytest.raises(SuggestionDecided):
        accept_suggestion(suggestion=stale, by=reviewer)


def test_clearing_the_chain_makes_the_card_say_nobody(client, reviewer, imported):
    suggestion = next(s for s in imported.suggestions.all() if s.chain)
    client.force_login(reviewer)
    r = card(
        client,
        suggestion,
        action="edit",
        text=suggestion.text,
        passage=imported.text[suggestion.start : suggestion.end],
        occurrence=suggestion.start,
        chain="",
        cue="",
        hedge="",
    )
    assert r.status_code == 200 and "Nobody: the article" in r.content.decode()
    assert Claim.objects.get().unattributed


def test_import_page_and_suggestion_fragment_run_fixed_queries(client, reviewer, django_assert_num_queries):
    text = " ".join(f"Official number {i} said the pier will close in June." for i in range(50))
    article, _ = import_article(title="Fifty", text=text)
    client.force_login(reviewer)
    with django_assert_num_queries(4):
        client.get(reverse("claims:import"))
    with django_assert_num_queries(11):
        card(client, article.suggestions.first(), action="reject")
