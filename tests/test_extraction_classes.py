"""The broad attributions: each cue class, contents that are not a clause, nominal and colon cues, split
quotations, and the words that are cues only sometimes. Every passage here is the team's own."""

import pytest

from factcheck.extraction import confidence as why
from factcheck.extraction import extract
from factcheck.extraction.evaluate import OVERLAP, Passage, evaluate
from factcheck.extraction.model import ExtractedClaim
from factcheck.extraction.readers import CUE_READERS, SENTENCE_READERS
from factcheck.extraction.words import CUE_BASE, CUE_CLASSES, CUE_FORMS, CUE_VERBS, inflect


def only(text: str) -> ExtractedClaim:
    claims = [c for c in extract(text) if c.attributed]
    assert len(claims) == 1, [(c.text, c.chain) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "entry, forms",
    [
        ("urge", {"urge", "urges", "urged", "urging"}),
        ("tell/told", {"tell", "tells", "told", "telling"}),
        ("write/wrote/written", {"write", "writes", "wrote", "written", "writing"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("plan", {"plan", "plans", "planned", "planning"}),
        ("call_for", {"call for", "calls for", "called for", "calling for"}),
    ],
)
def test_inflections_are_generated_from_the_base(entry, forms):
    assert set(inflect(entry)) == forms


def test_every_cue_word_has_a_class_and_a_base():
    assert set(CUE_VERBS) == set(CUE_CLASSES)
    for form, classes in CUE_FORMS.items():
        assert set(classes) <= set(CUE_CLASSES) and form in CUE_BASE
    assert {"telling", "urging", "promising", "suggesting"} <= set(CUE_FORMS)  # the missing ones


@pytest.mark.parametrize(
    "text, cue_class, content, source",
    [
        (
            "The finance ministry announced that fuel duty would rise in April.",
            "speech",
            "fuel duty would rise in April",
            "The finance ministry",
        ),
        (
            "A poll showed the Civic Union ahead by four points.",
            "evidence",
            "the Civic Union ahead by four points",
            "A poll",
        ),
        (
            "Farmers in the valley fear another dry summer.",
            "cognition",
            "another dry summer",
            "Farmers in the valley",
        ),
        (
            "Senator Ada Quist believes the treaty will be signed by June.",
            "cognition",
            "the treaty will be signed by June",
            "Senator Ada Quist",
        ),
        ("The union vowed to appeal.", "intention", "to appeal", "The union"),
        (
            "A spokesman for the council declined to comment on the deal.",
            "intention",
            "to comment on the deal",
            "A spokesman for the council",
        ),
        (
            "The mayor urged voters to stay home on Sunday.",
            "directive",
            "voters to stay home on Sunday",
            "The mayor",
        ),
        ("Rebel leaders called for a ceasefire.", "directive", "a ceasefire", "Rebel leaders"),
        ("The opposition called the plan a disaster.", "evaluation", "the plan a disaster", "The opposition"),
        (
            "Tomas Brenn accused the ministry of hiding the figures.",
            "evaluation",
            "the ministry of hiding the figures",
            "Tomas Brenn",
        ),
        ("The Green Alliance backed the proposal.", "attitude", "the proposal", "The Green Alliance"),
        ("Most doctors oppose the new rota.", "attitude", "the new rota", "Most doctors"),
    ],
)
def test_each_class_is_read_with_its_content_and_source(text, cue_class, content, source):
    claim = only(text)
    assert (claim.cue_class, claim.text, claim.source) == (cue_class, content, source)
    assert claim.construction in why.BASE


@pytest.mark.parametrize(
    "text",
    [
        "She called the office on Friday.",
        "The Senate rejected the bill by 52 votes to 48.",
        "Police found the body near the river.",
        "Support for the party fell.",
        "The show was cancelled.",
        "The strike was called off.",
        "Her annual report runs to forty pages.",
    ],
)
def test_a_cue_word_that_is_not_a_cue_here_makes_no_attribution(text):
    assert not [c for c in extract(text) if c.attributed]


def test_an_ambiguous_cue_word_is_flagged_and_less_sure():
    plain = only("The agency said the road would reopen.")
    called = only("The agency called the decision a mistake.")
    assert why.AMBIGUOUS in called.reasons and why.AMBIGUOUS not in plain.reasons
    assert called.confidence < plain.confidence


def test_a_quotation_split_by_its_attribution_is_one_claim():
    text = "“We will stay,” Marta Quell said. “Until the last vote is counted.”"
    claim = only(text)
    assert claim.text == "We will stay,” Marta Quell said. “Until the last vote is counted"
    assert claim.construction == why.SPLIT_QUOTE


def test_two_apostrophes_are_a_quotation_mark():
    claim = only("''We will not resign,'' the minister said.")
    assert (claim.text, claim.source) == ("We will not resign", "the minister")


def test_nominal_and_colon_cues():
    nominal = only("Her allegation that the count was rigged has angered the commission. ")
    assert nominal.text == "the count was rigged" and nominal.cue == "allegation"
    headline = only("Interior Minister Pavel Drozd: talks will resume next week")
    assert (headline.source, headline.cue, headline.text) == (
        "Interior Minister Pavel Drozd",
        ":",
        "talks will resume next week",
    )
    assert not [c for c in extract("Floods: twelve dead as the river bursts its banks") if c.attributed]


def test_a_local_description_is_the_source_as_written():
    claims = extract(
        "Vantor Steel said it would cut 300 jobs. The company also said the plant would stay open."
    )
    assert [c.source for c in claims] == ["Vantor Steel", "The company"]


def test_content_stops_where_the_speaker_stops():
    assert (
        only("The ministry said the bridge was safe, but engineers disagreed.").text == "the bridge was safe"
    )
    assert (
        only("The mayor, who said the budget was balanced, now faces an audit.").text
        == "the budget was balanced"
    )


def test_a_shared_subject_and_a_second_speaker():
    claims = extract("Foreign Minister Petar Solberg met the envoy and said the pact would be signed in May.")
    assert [c.source for c in claims] == ["Foreign Minister Petar Solberg"]
    two = extract(
        "The police chief said three officers were hurt, and the mayor announced that the square would close."
    )
    assert [(c.source, c.text) for c in two] == [
        ("The police chief", "three officers were hurt"),
        ("the mayor", "the square would close"),
    ]


def test_nesting_keeps_the_chain_for_every_class():
    claim = only("The Corvale Times reported that the finance minister backs a windfall tax.")
    assert claim.chain == ["The Corvale Times", "the finance minister"] and claim.cue_class == "attitude"


def test_every_reader_says_what_it_reads():
    for reader in (*SENTENCE_READERS, *CUE_READERS):
        assert reader.__doc__, reader.__name__


def test_overlap_counts_only_when_half_of_the_longer_span_is_shared():
    text = "The council said the new library will open in March next year."
    gold = [
        ExtractedClaim("the new library will open in March next year", 17, 61, "The council", ["The council"])
    ]

    def found(start, end):
        return lambda _: [ExtractedClaim(text[start:end], start, end, "The council", ["The council"])]

    passage = [Passage("p", "said-that", text, gold)]
    half = int(44 * OVERLAP)
    assert evaluate(passage, found(17, 17 + half + 1))["overall"]["detection/overlap"]["f1"] == 1.0
    assert evaluate(passage, found(17, 17 + half - 2))["overall"]["detection/overlap"]["f1"] == 0.0


def test_she_finds_the_last_woman_named():
    text = (
        "Dalia Mensah, who runs the food bank, said demand had tripled. Councillor Erik Svensson said the "
        "council would double its grant. She said the money was welcome."
    )
    assert [c.source for c in extract(text)] == ["Dalia Mensah", "Councillor Erik Svensson", "Dalia Mensah"]


def test_appearance_and_hedges_before_the_cue_keep_the_cue():
    claim = only("The minister appeared to concede that the deadline would slip.")
    assert (claim.cue, claim.hedge, claim.text) == ("concede", "appeared to", "the deadline would slip")
    assert only("The health minister is thought to support a ban.").hedge == "is thought to"


def test_a_boundary_cut_is_a_reason():
    claim = only("The ministry said the bridge was safe, but engineers disagreed.")
    assert why.BOUNDARY_CUT in claim.reasons


@pytest.mark.parametrize(
    "text, content, chain",
    [
        # a subject and its relative clause, not content before an inverted "…, denies X"
        ("The woman, who is 34, denies the charges.", "the charges", ["The woman"]),
        # a word set off by commas between the subject and a base-form cue
        ("Investors, however, fear the tariffs will hurt.", "the tariffs will hurt", ["Investors"]),
        # a pronoun quoted "as saying" is the person named before it
        (
            "President Ilse Varn arrived. ONA quoted her as saying trade had doubled.",
            "trade had doubled",
            ["ONA", "President Ilse Varn"],
        ),
        # the outlet of an interview, without when it was
        (
            "In an interview with Radio Kestrel on Sunday, the minister said fees would rise.",
            "fees would rise",
            ["Radio Kestrel", "the minister"],
        ),
        # "its published accounts", not "its": a participle after a bare determiner is no relative clause
        (
            "The party spent 9,000 florins, according to its published accounts.",
            "The party spent 9,000 florins",
            ["its published accounts"],
        ),
        (
            "The mayor will resign, sources close to her said.",
            "The mayor will resign",
            ["sources close to her"],
        ),
        # nobody is not a source: the outer speaker keeps the whole content
        (
            "The company said no patients had reported side effects.",
            "no patients had reported side effects",
            ["The company"],
        ),
    ],
)
def test_the_speaker_is_read_past_what_surrounds_it(text, content, chain):
    claim = only(text)
    assert (claim.text, claim.chain) == (content, chain)


def test_an_attribution_after_the_articles_own_clause_keeps_both():
    claims = extract("Shares in Vantor rose 9 percent after the Ledger reported that the bank would merge.")
    assert [(c.text, c.chain) for c in claims] == [
        ("Shares in Vantor rose 9 percent", []),
        ("the bank would merge", ["the Ledger"]),
    ]
    # Inside what a speaker said, the clause is the speaker's own.
    inner = only("Hollen said her party abstained only because the government agreed to act.")
    assert inner.chain == ["Hollen"] and inner.text.startswith("her party abstained")


@pytest.mark.parametrize(
    "text, content, chain",
    [
        # an attribution set inside the clause it reports: the clause around it is the content
        (
            "The ceasefire, the relief society said in a statement, has let 60 lorries in.",
            "The ceasefire, the relief society said in a statement, has let 60 lorries in",
            ["the relief society"],
        ),
        (
            "Most of the funds, investigators believe, were moved abroad.",
            "Most of the funds, investigators believe, were moved abroad",
            ["investigators"],
        ),
        (
            "The new stadium, according to the city's figures, will cost 410 million florins.",
            "The new stadium, according to the city's figures, will cost 410 million florins",
            ["the city's figures"],
        ),
        # a leading clause before the speaker is not the speaker
        (
            "As the talks stalled on Friday, officials in Dremmen warned that the border could stay shut.",
            "the border could stay shut",
            ["officials in Dremmen"],
        ),
        (
            "Despite the losses, the chairman, Olaf Brunt, told shareholders that a dividend would be paid.",
            "a dividend would be paid",
            ["Olaf Brunt"],
        ),
    ],
)
def test_what_surrounds_an_attribution_is_read_with_it(text, content, chain):
    claim = only(text)
    assert (claim.text, claim.chain) == (content, chain)


def test_she_and_he_find_everyone_named_even_outside_a_subject():
    claims = extract(
        "Dr Amara Kolde and her colleague Dr Jonas Wettle led the study. “It surprised us,” she said. "
        "He added that a larger trial would follow."
    )
    assert [c.source for c in claims] == ["Dr Amara Kolde", "Dr Jonas Wettle"]


def test_a_sentence_goes_on_after_a_parenthetical_speaker_and_but():
    claims = extract(
        "The region was ready to help, Minister Piet Oorde said on radio, but he warned that aid was short."
    )
    assert [(c.text, c.source) for c in claims] == [
        ("The region was ready to help", "Minister Piet Oorde"),
        ("aid was short", "Minister Piet Oorde"),
    ]


def test_a_request_is_a_directive_unless_it_is_part_of_what_was_said():
    asked = only("The Dorvan family thanked the hospital staff. They asked for privacy.")
    assert (asked.text, asked.cue_class) == ("privacy", "directive")
    said = only("Mira Calden said the growers would ask for 4 million euros in aid.")
    assert (said.text, said.chain) == ("the growers would ask for 4 million euros in aid", ["Mira Calden"])


def test_a_passive_quotation_may_have_an_adverb_before_quoted():
    claim = only("Tomas Elvik was later quoted in the Varna Courier as saying that the pier would reopen.")
    assert (claim.text, claim.chain) == ("the pier would reopen", ["the Varna Courier", "Tomas Elvik"])


@pytest.mark.parametrize(
    "text, cue_class, content, chain",
    [
        ("The Liberal Party is opposed to the new border checks.", "attitude", "the new border checks", None),
        (
            "The European Commission voiced support for the ceasefire proposal on Monday.",
            "attitude",
            "the ceasefire proposal",
            None,
        ),
        (
            "Mayor Ilse Dorn endorsed the tram extension at a council meeting.",
            "attitude",
            "the tram extension",
            None,
        ),
        (
            "The Greens endorsed Ana Kovac for mayor, giving her campaign a boost.",
            "attitude",
            "Ana Kovac for mayor",
            None,
        ),
        (
            "The study, published in a journal on Thursday, suggests that night shifts raise the risk.",
            "evidence",
            "night shifts raise the risk",
            None,
        ),
        (
            "Satellite images appear to show new trenches along the border.",
            "evidence",
            "new trenches along the border",
            None,
        ),
        ("Many in the coalition believe the leader will go.", "cognition", "the leader will go", None),
        (
            "Teachers overwhelmingly back a four-day week, a survey found.",
            "attitude",
            "a four-day week",
            ["a survey", "Teachers"],
        ),
        (
            "Writing online, the former president branded the verdict a disgrace.",
            "evaluation",
            "the verdict a disgrace",
            None,
        ),
    ],
)
def test_broad_contents_end_at_the_cue_s_own_complement(text, cue_class, content, chain):
    claim = only(text)
    assert (claim.cue_class, claim.text) == (cue_class, content)
    if chain:
        assert claim.chain == chain


@pytest.mark.parametrize(
    "text",
    [
        "The driver backed the lorry into the loading bay.",
        "The court rejected the appeal.",
        "Voters rejected the proposal in a referendum.",
        "The states of the northern alliance signed the treaty, but few reports reached the capital.",
        "The team doubts remain over the captain's fitness.",
    ],
)
def test_a_stand_word_that_is_an_act_or_a_noun_attributes_nothing(text):
    assert not [c for c in extract(text) if c.attributed]


@pytest.mark.parametrize(
    "text, content, source, cue",
    [
        (
            "Growth will slow, Finance Minister Paulo Reis said in Brussels, where he met EU ministers.",
            "Growth will slow",
            "Finance Minister Paulo Reis",
            "said",
        ),
        (
            "The talks have failed, said a Western diplomat who asked not to be named.",
            "The talks have failed",
            "a Western diplomat",
            "said",
        ),
        (
            "The company will cut 300 jobs, it said in a filing to the stock exchange on Thursday.",
            "The company will cut 300 jobs",
            "it",
            "said",
        ),
        (
            "Central bank governor Ilse Varga: “Rates will stay high.”",
            "Rates will stay high",
            "Ilse Varga",
            ":",
        ),
        (
            "Her conclusion: the bank had lost 30 million euros.",
            "the bank had lost 30 million euros",
            "she",
            ":",
        ),
        (
            "Said Marta Kovacs: “We will win at least 40 seats.”",
            "We will win at least 40 seats",
            "Marta Kovacs",
            "said",
        ),
        ("Talks to resume on Monday, minister says", "Talks to resume on Monday", "minister", "says"),
    ],
)
def test_trailing_and_colon_speakers_with_more_around_them(text, content, source, cue):
    claim = only(text)
    assert (claim.text, claim.source, claim.cue) == (content, source, cue)


def test_in_her_view_is_a_cognition_of_the_person_named_before():
    claims = [
        c
        for c in extract("Dr Ingrid Vahl has studied the glacier. In her view, it will be gone by 2050.")
        if c.attributed
    ]
    assert [(c.text, c.source, c.cue_class) for c in claims] == [
        ("it will be gone by 2050", "Dr Ingrid Vahl", "cognition")
    ]
