"""A reviewer repairs the extractor's misses where they work: select, add, see it highlighted, edit it."""

import re

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.imports import import_article
from factcheck.claims.models import Claim
from tests.browser.conftest import EDITOR, PERSONA_PASSWORD, REVIEWER, log_in

PASSAGE = "close links to the regime"


def drag_over(page: Page, words: str) -> None:
    """Select `words` in the article text with the mouse, from the first letter to the last."""
    box = page.evaluate(
        """(words) => {
          const root = document.querySelector(".article-text");
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const at = n.textContent.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(n, at);
            range.setEnd(n, at + words.length);
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            const middle = (rect) => rect.top + rect.height / 2;
            return {x1: first.left + 1, y1: middle(first), x2: last.right - 1, y2: middle(last)};
          }
        }""",
        words,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


@pytest.mark.browser
def test_reviewer_adds_a_missed_claim_from_a_selection_then_corrects_it(page: Page, demo, page_problems):
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    drag_over(page, PASSAGE)
    page.get_by_role("button", name="New claim").click()

    panel = page.locator("#claim-panel-new")
    expect(panel.get_by_label("Passage in the article")).to_have_value(PASSAGE)
    panel.get_by_role("combobox", name="Source:").fill("Mara Lind")  # the text field with its picker
    panel.get_by_role("combobox", name="Hop").first.fill("The Guardian")  # the first hop, outermost
    panel.locator("summary", has_text="A new source's kind").click()
    panel.get_by_label("Kind, if the source is new").select_option("person")
    panel.get_by_label("Description, if the source is new").fill("a former diplomat")
    panel.get_by_role("button", name="Add the claim").click()

    expect(page).to_have_url(re.compile(r"\?claim=\d+$"))  # the new claim, open on its page
    claim = Claim.objects.get(text=PASSAGE)
    assert page.url.endswith(f"?claim={claim.pk}")
    expect(page.locator(f"a.claim[data-claim='{claim.pk}']").first).to_have_text(re.compile(PASSAGE))
    panel = page.locator(f"#claim-panel-{claim.pk}")
    expect(panel.locator(".chain li")).to_have_text(
        [re.compile("^This article"), re.compile("^The Guardian"), re.compile("^Mara Lind")]
    )
    expect(panel).to_contain_text("a former diplomat")
    expect(panel.locator(".history")).to_contain_text("added the claim")

    panel.get_by_role("link", name="Edit the claim, its source or chain").click()
    editor = page.locator(f"#claim-panel-{claim.pk}")
    expect(editor.get_by_role("heading", name="Edit the claim")).to_be_visible()
    editor.get_by_label("Hedge").fill("reportedly")
    editor.get_by_role("button", name="Save the correction").click()
    history = page.locator(f"#claim-panel-{claim.pk} .history")
    expect(history).to_contain_text("edited the claim")
    expect(history.locator(".changes")).to_have_text(re.compile(r"hedge\s*none → reportedly"))

    page.goto("/queue/?status=unverified&q=regime")
    expect(page.get_by_text(PASSAGE)).to_be_visible()
    assert page_problems == []


@pytest.mark.browser
def test_single_key_shortcuts_can_be_turned_off_and_stay_off(page: Page, demo):
    log_in(page, *REVIEWER)
    page.goto(demo.get_absolute_url())
    switch = page.get_by_label("Single-key shortcuts on")
    expect(switch).to_be_checked()
    switch.uncheck()
    page.reload()
    expect(page.get_by_label("Single-key shortcuts on")).not_to_be_checked()
    page.locator("body").press("j")
    page.wait_for_timeout(300)
    expect(page.locator(".claim-panel")).to_have_count(0)  # j did nothing
    page.get_by_label("Single-key shortcuts on").check()
    page.evaluate("document.activeElement.blur()")  # keys typed into the switch are the switch's
    page.locator("body").press("j")
    expect(page.locator(".claim-panel")).to_have_count(1)
    expect(page.locator(".claim-panel h2")).to_be_focused()  # settled: the keys act on it now
    page.keyboard.press("e")  # and e edits the open claim
    expect(page.get_by_role("heading", name="Edit the claim")).to_be_visible()


@pytest.mark.browser
def test_a_suggestion_is_edited_by_its_words_not_by_numbers(page: Page, transactional_db, reviewer):
    story = "The port said that 40 workers were sent home on Monday. Fog closed the pier."
    article, _ = import_article(title="Port sends workers home", text=story)
    suggestion = article.suggestions.get(text__startswith="40 workers")
    log_in(page, "alice", PERSONA_PASSWORD)
    page.goto(f"/articles/{article.pk}/suggestions/")
    card = page.locator(f"#suggestion-{suggestion.pk}")
    card.locator("summary", has_text="Edit before accepting").click()
    expect(card.locator("input[type=number]")).to_have_count(0)  # no offsets anywhere in the form
    card.get_by_label("Passage in the article").fill("40 workers were sent home")
    card.get_by_label("Claim").fill("40 workers were sent home")
    card.get_by_role("button", name="Save and accept").click()
    expect(page.locator(f"#suggestion-{suggestion.pk}")).to_contain_text("Accepted")
    claim = Claim.objects.get(article=article, text="40 workers were sent home")
    assert story[claim.start : claim.end] == "40 workers were sent home"


@pytest.mark.browser
def test_after_a_decision_the_next_unverified_claim_opens_if_asked(page: Page, demo):
    first, second = demo.claims.order_by("start")[:2]
    log_in(page, *REVIEWER)
    page.goto(first.get_absolute_url())
    panel = page.locator(f"#claim-panel-{first.pk}")
    panel.get_by_label("Then open the next unverified claim").check()
    panel.get_by_role("button", name="Confirm").click()
    expect(page.locator(f"#claim-panel-{second.pk}")).to_be_visible()
    expect(
        page.locator(f"#claim-panel-{second.pk}").get_by_label("Then open the next unverified claim")
    ).to_be_checked()
    first.refresh_from_db()
    assert first.status == "confirmed"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/queue/?status=unverified", "article"])
def test_on_a_phone_nothing_scrolls_sideways_and_the_panel_opens_on_screen(browser, live_server, demo, path):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = phone.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(REVIEWER[0])
    page.get_by_label("Password").fill(REVIEWER[1])
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + (demo.get_absolute_url() if path == "article" else path))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if path == "article":
        page.locator("a.claim[data-first]").first.tap()
        panel = page.locator(".claim-panel")
        expect(panel).to_be_visible()
        top = panel.bounding_box()["y"]
        assert 0 <= top < 844  # over the text, on screen: not below the whole article
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()


@pytest.mark.browser
def test_a_missed_claim_can_be_added_from_the_suggestions_page_too(page: Page, transactional_db, reviewer):
    story = "The port said that 40 workers were sent home on Monday. Fog closed the pier for a day."
    article, _ = import_article(title="Fog at the port", text=story)
    log_in(page, "alice", PERSONA_PASSWORD)
    page.goto(f"/articles/{article.pk}/suggestions/")
    drag_over(page, "Fog closed the pier")
    page.get_by_role("button", name="New claim").click()
    expect(page.locator("#claim-panel-new").get_by_label("Passage in the article")).to_have_value(
        "Fog closed the pier"
    )


@pytest.mark.browser
def test_a_selection_after_emoji_and_astral_letters_lands_on_its_own_words(
    page: Page, transactional_db, reviewer
):
    # Each of these counts as two characters in the browser (UTF-16) and one in the article.
    story = "Fans wrote 🎉🎉 and 𝒜 on the wall. The port said the pier will close in May."
    article, _ = import_article(title="Party at the port", text=story)
    log_in(page, "alice", PERSONA_PASSWORD)
    page.goto(article.get_absolute_url())
    drag_over(page, "the pier will close")
    page.get_by_role("button", name="New claim").click()
    expect(page.locator("#claim-panel-new").get_by_label("Passage in the article")).to_have_value(
        "the pier will close"
    )


@pytest.mark.browser
def test_an_editor_merges_two_records_of_one_source_and_the_queue_follows(page: Page, demo):
    from factcheck.claims.models import Source
    from tests.factories import make_claim, make_source

    guardian = Source.objects.get(normalised_name="guardian")
    twin = make_source(name="Guardian Online", kind=Source.Kind.NEWS_OUTLET)
    make_claim(article=demo, start=0, end=12, text="A Syrian gen", chain=[twin])
    before = Claim.objects.filter(source=guardian).count()
    log_in(page, *EDITOR)
    page.goto("/admin/claims/source/?q=guardian")
    for source in (guardian, twin):
        page.locator(f"input[name=_selected_action][value='{source.pk}']").check()
    page.locator("select[name=action]").select_option(
        label="Merge the selected sources (the one with the most claims is kept)"
    )
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("The Guardian")
    page.goto(f"/queue/?source={guardian.pk}")
    # Every demo claim is unverified: the kept source now has the twin's claim too.
    expect(page.locator("#queue-results .status-counts a.status-unverified .count")).to_have_text(
        str(before + 1)
    )
    assert not Source.objects.filter(pk=twin.pk).exists()


@pytest.mark.browser
def test_hops_are_added_moved_and_removed_in_the_edit_form(page: Page, demo):
    claim = demo.claims.filter(links__isnull=False).distinct().first()
    log_in(page, *REVIEWER)
    page.goto(claim.get_absolute_url())
    page.locator(f"#claim-panel-{claim.pk}").get_by_role(
        "link", name="Edit the claim, its source or chain"
    ).click()
    editor = page.locator(f"#claim-panel-{claim.pk}")
    hops = editor.get_by_role("combobox", name="Hop")
    editor.get_by_role("button", name="Add a hop").click()
    hops.last.fill("Nordic Wire")
    editor.get_by_role("button", name="Move up").last.click()  # Nordic Wire one place further out
    editor.get_by_role("button", name="Save the correction").click()
    expect(page.locator(f"#claim-panel-{claim.pk} .history")).to_contain_text("Nordic Wire")
    chain = [s.name for s in Claim.objects.with_chain().get(pk=claim.pk).chain]
    assert "Nordic Wire" in chain and chain[-1] == claim.source.name


@pytest.mark.browser
def test_an_editor_merges_from_the_sources_page_picking_the_other_record_as_they_type(page: Page, demo):
    from factcheck.claims.models import Source
    from tests.factories import make_claim, make_source

    guardian = Source.objects.get(normalised_name="guardian")
    twin = make_source(name="Guardian Online", kind=Source.Kind.NEWS_OUTLET)
    make_claim(article=demo, start=0, end=12, text="A Syrian gen", chain=[twin])
    log_in(page, *EDITOR)
    page.goto(f"/sources/{guardian.pk}/")
    field = page.get_by_label("Another record of this source")
    field.press_sequentially("online", delay=30)
    expect(page.locator("#known-sources option[value='Guardian Online']")).to_have_count(1)  # the picker
    field.fill("Guardian Online")
    page.get_by_role("button", name="Merge it into The Guardian").click()
    expect(page.locator(".messagelist, .messages")).to_contain_text(
        "Merged “Guardian Online” into “The Guardian”"
    )
    expect(page.get_by_text("Also known as: Guardian Online")).to_be_visible()
    assert Claim.objects.get(text="A Syrian gen").source == guardian


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/admin/claims/claim/", "/admin/claims/article/", "/admin/claims/source/"])
def test_the_admins_lists_fit_a_1280_pixel_screen(page: Page, demo, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, *EDITOR)
    page.goto(path)
    expect(page.locator("#result_list")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
