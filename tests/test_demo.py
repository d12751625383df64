"""The demo data: the user's own article, annotated by hand, is the first thing a reviewer sees."""

from django.contrib.auth import authenticate
from django.core.management import call_command

from factcheck.claims.demo import TEXT_FILE, load_demo
from factcheck.claims.models import Article, Claim, Source


def chain_names(claim):
    return [s.name for s in claim.chain]


def test_demo_article_has_every_attributed_statement_and_the_unattributed_facts(db):
    article, created = load_demo()
    assert created
    assert article.text == TEXT_FILE.read_text(encoding="utf-8")
    claims = list(article.claims.with_chain())
    attributed = [c for c in claims if not c.unattributed]
    assert len(attributed) >= 12
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(article.text)
        assert claim.passage.strip(), claim
        if not claim.unattributed:
            assert claim.chain[-1] == claim.source
    unattributed = {c.passage for c in claims if c.unattributed}
    assert any("35,000 displaced Syrians" in p for p in unattributed)
    assert any("nearly 300 Syrians defected" in p for p in unattributed)


def test_demo_claim_keeps_its_nested_attribution_chain(db):
    article, _ = load_demo()
    fled = article.claims.with_chain().get(text="General Manaf Mustafa Tlass has fled to Turkey")
    assert chain_names(fled) == ["The Guardian", "Syriasteps", "a highly placed source in intelligence"]
    assert fled.cue == "confirmed"
    escape = article.claims.with_chain().get(text="His escape does not mean anything.")
    assert chain_names(escape) == ["The Guardian", "Syriasteps", "a security official"]
    assert escape.cue == "quoted … as saying"
    afp = article.claims.with_chain().get(text__startswith="a Syrian general and a number of soldiers")
    assert chain_names(afp) == ["AFP", "a Turkish diplomat"]


def test_demo_hedges_are_recorded(db):
    article, _ = load_demo()
    hedges = dict(article.claims.exclude(hedge="").values_list("hedge", "text"))
    assert hedges["reportedly"].startswith("He reportedly fell out of favor")
    assert hedges["is believed to be"] == "The second is believed to be Tlass"
    assert "it is unknown whether" in hedges


def test_demo_sources_are_merged_by_name_and_anonymous_ones_kept_as_described(db):
    load_demo()
    assert Source.objects.filter(normalised_name="guardian").count() == 1
    anonymous = Source.objects.filter(kind=Source.Kind.ANONYMOUS).values_list("name", flat=True)
    assert "a highly placed source in intelligence" in anonymous
    syriasteps = Source.objects.get(name="Syriasteps")
    assert "security apparatus" in syriasteps.description


def test_loading_twice_changes_nothing(db):
    load_demo()
    counts = (Article.objects.count(), Claim.objects.count(), Source.objects.count())
    _, created = load_demo()
    assert not created
    assert (Article.objects.count(), Claim.objects.count(), Source.objects.count()) == counts


def test_command_prints_how_to_log_in_and_the_accounts_work(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "username 'reviewer'" in out and "password 'review-the-claims'" in out
    assert "username 'editor'" in out and "password 'edit-the-desk'" in out
    reviewer = authenticate(username="reviewer", password="review-the-claims")
    editor = authenticate(username="editor", password="edit-the-desk")
    assert reviewer.has_perm("claims.add_review") and not reviewer.is_staff
    assert editor.has_perm("claims.change_claim") and editor.is_staff


def test_reviewer_sees_the_demo_article_first(client, db):
    load_demo()
    client.login(username="reviewer", password="review-the-claims")
    html = client.get("/").content.decode()
    assert "Syrian general Manaf Tlass defects to Turkey" in html
    assert "0 of 22 claims reviewed" in html
