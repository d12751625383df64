"""One record per real-world source: editors merge two sources into one, and split a wrong merge off."""

import re

import pytest
from django.urls import reverse

from factcheck.claims.imports import accept_all, import_article, known_sources, named_source
from factcheck.claims.models import ChainLink, Claim, Review, Source, SourceAlias, SourceMerge
from factcheck.claims.sources import MERGED, SPLIT, AnonymousSource, SameSource, merge_sources, split_alias
from tests.factories import make_article, make_claim, make_source

pytestmark = pytest.mark.django_db

FISH = "Blue Rivers told the Coastal Courier that 40 tonnes of fish died in the Velna this summer."


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:claims_{model}_{view}", args=args)


def shown_messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


@pytest.fixture
def two_records():
    """The same monitoring group under two records, with a claim spoken and one passed on by the second."""
    keep = make_source(name="Blue Rivers Foundation", kind=Source.Kind.MONITOR)
    merge = make_source(name="Blue Rivers", kind=Source.Kind.MONITOR, description="environmental group")
    courier = make_source(name="Coastal Courier")
    spoken = make_claim(chain=[courier, merge], status=Claim.Status.CONFIRMED)
    passed_on = make_claim(chain=[merge, courier])
    return keep, merge, courier, spoken, passed_on


def imported_speaker(reviewer, text: str = FISH) -> Source:
    article, _ = import_article(title="Fish die in the Velna", text=text)
    accept_all(article=article, by=reviewer)
    return article.claims.get().source


# --- Merging ------------------------------------------------------------------------------------------


def test_merge_moves_claims_and_hops_and_writes_each_claims_history(editor, two_records):
    keep, merge, courier, spoken, passed_on = two_records
    record = merge_sources(keep=keep, merge=merge, by=editor)
    spoken.refresh_from_db()
    passed_on.refresh_from_db()
    assert (spoken.source, spoken.status, spoken.version) == (keep, "confirmed", 2)
    assert spoken.chain == [courier, keep]
    assert passed_on.chain == [keep, courier]
    review = spoken.reviews.get()
    assert (review.reviewer, review.old_status, review.new_status, review.note) == (
        editor,
        "confirmed",
        "confirmed",
        MERGED,
    )
    assert review.changes == {
        "source": ["Blue Rivers", "Blue Rivers Foundation"],
        "chain": [["Coastal Courier", "Blue Rivers"], ["Coastal Courier", "Blue Rivers Foundation"]],
    }
    assert passed_on.reviews.get().changes == {
        "chain": [["Blue Rivers", "Coastal Courier"], ["Blue Rivers Foundation", "Coastal Courier"]]
    }
    assert (record.action, record.source, record.kept, record.alias, record.by) == (
        "merge",
        keep,
        "Blue Rivers Foundation",
        "Blue Rivers",
        editor,
    )
    assert record.claim_ids == [spoken.pk]
    assert sorted(record.link_ids) == sorted(
        ChainLink.objects.filter(source=keep).values_list("pk", flat=True)
    )
    assert not Source.objects.filter(pk=merge.pk).exists()
    alias = keep.aliases.get()
    assert (alias.name, alias.kind, alias.description) == ("Blue Rivers", "monitor", "environmental group")


def test_merge_moves_the_outlet_of_articles_and_a_chain_may_hold_the_kept_source_twice(editor):
    keep, merge = make_source(name="Wire Agency"), make_source(name="The Wire")
    article = make_article(outlet=merge)
    claim = make_claim(chain=[keep, merge])
    merge_sources(keep=keep, merge=merge, by=editor)
    article.refresh_from_db()
    claim.refresh_from_db()
    assert article.outlet == keep
    assert claim.chain == [keep, keep]


@pytest.mark.parametrize("anonymous", ["keep", "merge"])
def test_anonymous_sources_are_not_merged(editor, anonymous):
    sources = {"keep": make_source(name="Port officials"), "merge": make_source(name="The port authority")}
    sources[anonymous] = make_source(name="Officials", kind=Source.Kind.ANONYMOUS)
    claim = make_claim(source=sources["merge"])
    with pytest.raises(AnonymousSource):
        merge_sources(**sources, by=editor)
    claim.refresh_from_db()
    assert claim.source == sources["merge"]
    assert not Review.objects.exists() and not SourceMerge.objects.exists()


def test_a_source_is_not_merged_into_itself(editor):
    source = make_source()
    with pytest.raises(SameSource):
        merge_sources(keep=source, merge=source, by=editor)
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_later_import_matches_the_merged_name_to_the_kept_source(editor, reviewer, two_records):
    keep, merge, courier, *_ = two_records
    merge_sources(keep=keep, merge=merge, by=editor)
    sources = Source.objects.count()
    speaker = imported_speaker(reviewer)
    assert speaker == keep
    assert Source.objects.count() == sources
    assert named_source("Blue Rivers", Source.Kind.MONITOR) == keep
    assert known_sources(["Blue Rivers", "Coastal Courier", "Nobody Known"]) == {
        "blue rivers",
        courier.normalised_name,
    }


def test_merging_a_source_with_aliases_takes_them_along(editor):
    first, second, third = (
        make_source(name="Harbour Times"),
        make_source(name="Harbor Times"),
        make_source(name="The Harbour Daily Times"),
    )
    merge_sources(keep=second, merge=first, by=editor)
    merge_sources(keep=third, merge=second, by=editor)
    assert set(third.aliases.values_list("name", flat=True)) == {"Harbour Times", "Harbor Times"}
    assert named_source("Harbour Times", Source.Kind.NEWS_OUTLET) == third


# --- Splitting ------------------------------------------------------------------------------------------


def test_split_moves_back_what_the_merge_moved_and_a_later_import_finds_it(editor, reviewer, two_records):
    keep, merge, courier, spoken, passed_on = two_records
    merge_sources(keep=keep, merge=merge, by=editor)
    kept_elsewhere = make_claim(source=keep)
    record = split_alias(alias=keep.aliases.get(), by=editor)
    split_off = Source.objects.get(normalised_name="blue rivers")
    assert (split_off.name, split_off.kind, split_off.description) == (
        "Blue Rivers",
        "monitor",
        "environmental group",
    )
    spoken.refresh_from_db()
    passed_on.refresh_from_db()
    assert (spoken.source, spoken.chain, spoken.version) == (split_off, [courier, split_off], 3)
    assert passed_on.chain == [split_off, courier]
    kept_elsewhere.refresh_from_db()
    assert kept_elsewhere.source == keep
    assert spoken.reviews.latest().note == SPLIT
    assert spoken.reviews.latest().changes["source"] == ["Blue Rivers Foundation", "Blue Rivers"]
    assert (record.action, record.kept, record.alias, record.claim_ids) == (
        "split",
        "Blue Rivers Foundation",
        "Blue Rivers",
        [spoken.pk],
    )
    assert not SourceAlias.objects.exists()
    assert imported_speaker(reviewer) == split_off


def test_a_new_source_under_an_alias_name_is_a_form_error(editor_client, editor):
    keep, merge = make_source(name="Blue Rivers Foundation"), make_source(name="Blue Rivers")
    merge_sources(keep=keep, merge=merge, by=editor)
    r = editor_client.post(admin_url("source", "add"), {"name": "Blue Rivers", "kind": "monitor"})
    assert r.status_code == 200
    assert r.context["adminform"].form.errors["name"] == [
        "“Blue Rivers” is another name of “Blue Rivers Foundation”; split it off there instead."
    ]


# --- The admin ------------------------------------------------------------------------------------------


def merge_action(client, sources: list[Source]):
    data = {"action": "merge_selected", "index": "0", "_selected_action": [s.pk for s in sources]}
    return client.post(admin_url("source", "changelist"), data, follow=True)


def test_editor_merges_the_selected_sources_into_the_one_with_most_claims(editor_client, editor, two_records):
    keep, merge, courier, spoken, passed_on = two_records
    make_claim(source=keep)
    make_claim(source=keep)
    r = merge_action(editor_client, [merge, keep])
    assert shown_messages(r) == [
        (
            "success",
            "Merged “Blue Rivers” into “Blue Rivers Foundation”, the one with the most claims; "
            "their names are now its aliases, which imports match.",
        )
    ]
    assert list(keep.aliases.values_list("name", flat=True)) == ["Blue Rivers"]
    spoken.refresh_from_db()
    assert spoken.source == keep
    assert SourceMerge.objects.get().by == editor


def test_merging_needs_two_sources(editor_client):
    source = make_source()
    r = merge_action(editor_client, [source])
    assert shown_messages(r) == [("error", "Select two or more sources to merge.")]
    assert not SourceMerge.objects.exists()


def test_merging_an_anonymous_source_in_the_admin_merges_nothing(editor_client):
    named, other = make_source(name="Port Authority"), make_source(name="Port Board")
    anonymous = make_source(name="Officials", kind=Source.Kind.ANONYMOUS)
    r = merge_action(editor_client, [named, other, anonymous])
    assert shown_messages(r) == [
        ("error", "Anonymous sources are described per article, not merged. Nothing was merged.")
    ]
    assert Source.objects.count() == 3
    assert not SourceMerge.objects.exists()


def test_editor_sees_the_aliases_and_splits_one_off_from_the_source_page(editor_client, editor, two_records):
    keep, merge, _, spoken, _ = two_records
    merge_sources(keep=keep, merge=merge, by=editor)
    alias = keep.aliases.get()
    page = editor_client.get(admin_url("source", "change", keep.pk)).content.decode()
    assert f'name="_split_alias" value="{alias.pk}"' in page
    r = editor_client.post(admin_url("source", "change", keep.pk), {"_split_alias": alias.pk}, follow=True)
    assert r.redirect_chain[-1][0] == admin_url("source", "change", keep.pk)
    assert shown_messages(r) == [
        (
            "success",
            "“Blue Rivers” is a source of its own again: 1 claim(s) and 2 chain link(s) moved back to it.",
        )
    ]
    spoken.refresh_from_db()
    assert spoken.source.name == "Blue Rivers"
    assert list(SourceMerge.objects.values_list("action", flat=True)) == ["split", "merge"]


def test_splitting_an_alias_of_another_source_is_refused(editor_client, editor, two_records):
    keep, merge, courier, *_ = two_records
    merge_sources(keep=keep, merge=merge, by=editor)
    alias = keep.aliases.get()
    r = editor_client.post(admin_url("source", "change", courier.pk), {"_split_alias": alias.pk}, follow=True)
    assert shown_messages(r) == [("error", "That is not one of this source's names any more.")]
    assert SourceAlias.objects.filter(pk=alias.pk).exists()


def test_editor_splits_off_from_the_read_only_record_of_merges(editor_client, editor, two_records):
    keep, merge, *_ = two_records
    record = merge_sources(keep=keep, merge=merge, by=editor)
    listing = editor_client.get(admin_url("sourcemerge", "changelist")).content.decode()
    assert "1 claim(s), 2 chain link(s)" in listing
    assert editor_client.get(admin_url("sourcemerge", "add")).status_code == 403
    data = {"action": "split_off", "index": "0", "_selected_action": [record.pk]}
    r = editor_client.post(admin_url("sourcemerge", "changelist"), data, follow=True)
    assert shown_messages(r) == [("success", "Split off “Blue Rivers”: each is a source of its own again.")]
    assert Source.objects.filter(name="Blue Rivers").exists()


def test_reviewers_can_neither_merge_nor_split(client, reviewer, editor, two_records):
    keep, merge, *_ = two_records
    other = make_source(name="Velna Watch")
    merge_sources(keep=keep, merge=merge, by=editor)
    alias = keep.aliases.get()
    client.force_login(reviewer)
    data = {"action": "merge_selected", "index": "0", "_selected_action": [keep.pk, other.pk]}
    r = client.post(admin_url("source", "changelist"), data)
    assert r.status_code == 302 and r["Location"].startswith(reverse("admin:login"))
    r = client.post(admin_url("source", "change", keep.pk), {"_split_alias": alias.pk})
    assert r.status_code == 302 and r["Location"].startswith(reverse("admin:login"))
    assert Source.objects.filter(pk=other.pk).exists()
    assert SourceAlias.objects.filter(pk=alias.pk).exists()
    assert SourceMerge.objects.count() == 1


# --- The source list ------------------------------------------------------------------------------------


def test_source_list_counts_current_claims_as_speaker_and_as_intermediary(editor_client):
    busy, courier = make_source(name="Busy Wire"), make_source(name="Quiet Gazette")
    make_claim(chain=[courier, busy])
    make_claim(source=busy)
    make_claim(source=busy, withdrawn=True)
    make_claim(chain=[busy, courier])
    make_claim(chain=[busy, busy, courier])  # after a merge: one claim passed on, counted once
    make_claim(chain=[busy, courier], withdrawn=True)
    html = editor_client.get(admin_url("source", "changelist")).content.decode()
    for name, speaker, intermediary in [("Busy Wire", 2, 2), ("Quiet Gazette", 2, 1)]:
        row = re.search(rf"<tr>(?:(?!</tr>).)*>{name}</a>.*?</tr>", html, re.S).group(0)
        assert f'<td class="field-speaker">{speaker}</td>' in row, name
        assert f'<td class="field-intermediary">{intermediary}</td>' in row, name


def test_source_list_of_50_sources_runs_a_fixed_number_of_queries(editor_client, django_assert_num_queries):
    wire = make_source(name="Wire Agency")
    for _ in range(50):
        make_claim(chain=[wire, make_source()])
    # Session, user, the permissions, the count, the filtered count, the page: however many rows.
    with django_assert_num_queries(6):
        r = editor_client.get(admin_url("source", "changelist"))
    assert r.status_code == 200
    assert r.content.decode().count('class="field-speaker"') == 51


# --- A source's own page ---------------------------------------------------------------------------------


def source_url(source: Source, view: str = "source") -> str:
    return reverse(f"claims:{view}", args=[source.pk])


def test_a_sources_page_shows_what_it_said_and_passed_on_without_merging_for_reviewers(
    client, reviewer, two_records
):
    _, merge, courier, spoken, passed_on = two_records
    client.force_login(reviewer)
    r = client.get(source_url(merge))
    html = r.content.decode()
    assert r.status_code == 200
    assert "1: 0 unverified (0%), 1 confirmed (100%), 0 disputed (0%)" in html
    assert "Claims it passed on</dt><dd>1," in html
    assert "said it" in html and f"passed it on from {courier.name}" in html
    assert {c.pk for c in r.context["claims"]} == {spoken.pk, passed_on.pk}
    assert "Merge it into" not in html
    assert (
        client.post(source_url(merge, "merge_source"), {"other": "Blue Rivers Foundation"}).status_code == 403
    )


def test_an_editor_merges_a_record_by_name_from_the_sources_page(editor_client, editor, two_records):
    keep, merge, courier, spoken, passed_on = two_records
    page = editor_client.get(source_url(keep)).content.decode()
    assert "Merge it into Blue Rivers Foundation" in page
    r = editor_client.post(source_url(keep, "merge_source"), {"other": "blue rivers"}, follow=True)
    assert ("success", "Merged “Blue Rivers” into “Blue Rivers Foundation”: its claims are here now.") in (
        shown_messages(r)
    )
    assert "Also known as: Blue Rivers" in r.content.decode()
    assert not Source.objects.filter(pk=merge.pk).exists()
    spoken.refresh_from_db()
    assert spoken.source == keep and spoken.reviews.get().note == MERGED


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("Nobody Known", "No named source is called that"),
        ("Blue Rivers Foundation", "That is this source"),
    ],
)
def test_merging_an_unknown_name_or_the_source_itself_is_a_clear_error(
    editor_client, two_records, typed, error
):
    keep = two_records[0]
    r = editor_client.post(source_url(keep, "merge_source"), {"other": typed})
    assert r.status_code == 422
    assert error in r.content.decode()
    assert Source.objects.count() == 3 and not SourceMerge.objects.exists()


def test_an_editor_splits_a_wrong_merge_off_from_the_sources_page(editor_client, editor, two_records):
    keep, merge, courier, spoken, passed_on = two_records
    merge_sources(keep=keep, merge=merge, by=editor)
    alias = keep.aliases.get()
    r = editor_client.post(reverse("claims:split_alias", args=[alias.pk]), follow=True)
    assert r.redirect_chain[-1][0] == keep.get_absolute_url()
    assert "“Blue Rivers” is a source of its own again" in r.content.decode()
    spoken.refresh_from_db()
    assert spoken.source.name == "Blue Rivers"


def test_the_sources_page_costs_the_same_queries_however_many_claims(
    client, reviewer, django_assert_num_queries
):
    wire = make_source(name="Coast Wire")
    for _ in range(30):
        make_claim(chain=[wire, make_source()])
    client.force_login(reviewer)
    # Session, user, permissions, the header's count, the source with its counts, its other names, its
    # newest claims and their capped count, and its record: the articles of its newest thousand claims and
    # their titles, the hops, the months. Thirteen, whatever the number of claims (no chains shown here).
    with django_assert_num_queries(12):
        r = client.get(source_url(wire))
    assert r.status_code == 200 and len(r.context["claims"]) == 25
    page = r.content.decode()
    assert "30 claims rest on it: the newest 25 here, <a href=" in page and "all of them in the queue" in page
