import re
from typing import cast

from django import forms
from django.db.models import Exists, OuterRef, Q

from factcheck.claims.database import containing, search_claims
from factcheck.claims.decisions import visible
from factcheck.claims.imports import html_to_text
from factcheck.claims.models import (
    MAX_ARTICLE_CHARS,
    MAX_CLAIM_CHARS,
    MAX_NOTE_CHARS,
    Article,
    ChainLink,
    Claim,
    LinkRelation,
    Source,
)
from factcheck.extraction.names import normalise_name


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=Claim.Status, error_messages={"invalid_choice": "Choose confirmed, disputed or unverified."}
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_NOTE_CHARS,
        help_text="Why you decided this. Required to dispute.",
    )
    evidence_url = forms.URLField(label="Evidence URL", required=False, max_length=500, assume_scheme="https")
    evidence_excerpt = forms.CharField(
        label="Evidence excerpt",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=MAX_NOTE_CHARS,
        help_text="The passage of the evidence that settles it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("status") == Claim.Status.DISPUTED and not visible(data.get("note", "")):
            self.add_error("note", "Say why you dispute this claim: a note is required.")
        return data


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    in_notes = forms.BooleanField(label="Also in review notes", required=False)
    in_titles = forms.BooleanField(label="Also in titles", required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *Claim.Status.choices], required=False)
    # Article and source are picked by typing part of the title or name into the finder above each: its
    # select offers only the one chosen and those found, never every article or source of the desk.
    find_article = forms.CharField(label="Find an article", required=False, max_length=100)
    article = forms.ModelChoiceField(
        queryset=Article.objects.only("pk", "title"), required=False, empty_label="Any article"
    )
    find_source = forms.CharField(label="Find a source", required=False, max_length=100)
    # Named sources only: anonymous ones ("a port official") are many and per article; filter them by kind.
    source = forms.ModelChoiceField(
        queryset=Source.objects.named().only("pk", "name"), required=False, empty_label="Any named source"
    )
    where = forms.ChoiceField(
        label="The source",
        choices=[("", "said it"), ("chain", "said it or passed it on")],
        required=False,
        help_text="Anywhere in the chain finds the claims a source reported from others, too.",
    )
    kind = forms.ChoiceField(
        label="Source kind", choices=[("", "Any kind"), *Source.Kind.choices], required=False
    )
    hops = forms.ChoiceField(
        label="Chain",
        choices=[("", "Any chain"), ("broken", "A hop misattributed"), ("unchecked", "A hop not checked")],
        required=False,
    )
    mine = forms.BooleanField(label="Assigned to me", required=False)

    PICKED = 20  # options a finder offers

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("article", "source"):  # until filter() offers the chosen one and those found
            self.fields[name].choices = [("", self.fields[name].empty_label)]

    def filter(self, claims, user):
        """Narrow `claims` by every valid filter but status; an invalid filter is shown, not applied."""
        self.is_valid()
        data = self.cleaned_data
        # Without JavaScript the finders are sent with the form: their matches become the selects' options.
        self.offer("article", data.get("article"), found_articles(data.get("find_article")))
        self.offer("source", data.get("source"), found_sources(data.get("find_source")))
        if data.get("q"):
            claims = search_claims(claims, data["q"], in_notes=data["in_notes"], in_titles=data["in_titles"])
        if data.get("article"):
            claims = claims.filter(article=data["article"])
        if source := data.get("source"):
            claims = claims.filter(in_chain_of(source) if data.get("where") else Q(source=source))
        if data.get("kind"):
            claims = claims.filter(source__kind=data["kind"])
        if data.get("hops"):
            verdict = (
                ChainLink.Verdict.MISATTRIBUTED if data["hops"] == "broken" else ChainLink.Verdict.UNCHECKED
            )
            claims = claims.filter(Exists(ChainLink.objects.filter(claim=OuterRef("pk"), verdict=verdict)))
        if data.get("mine"):
            claims = claims.filter(assignee=user)
        return claims

    def narrows(self) -> bool:
        """Whether a filter other than the status is set: otherwise the queue is every current claim."""
        data = self.cleaned_data
        return any(data.get(name) for name in ("q", "article", "source", "kind", "hops", "mine"))

    def offer(self, name: str, chosen, found) -> None:
        field = cast(forms.ModelChoiceField, self.fields[name])  # article or source
        rows = [chosen] if chosen else []
        rows += [row for row in found if row != chosen]
        field.choices = [("", field.empty_label), *((row.pk, str(row)) for row in rows)]


# A source that passed on more claims than this is matched row by row, along the queue's index.
MANY_HOPS = 2_000


def in_chain_of(source: Source) -> Q:
    """Claims the source said or passed on. For a source of a few claims, their ids from its two indexes;
    for a wire agency in half the chains, a condition on each row, so a page is read off the queue's index
    in order and stops when full, instead of first gathering every claim the agency ever passed on."""
    hops = ChainLink.objects.filter(source=source).order_by()
    if hops[:MANY_HOPS].count() < MANY_HOPS:  # counted by the database, off the index
        said = Claim.objects.filter(source=source).values("pk")
        return Q(pk__in=said.union(hops.values("claim")))
    return Q(source=source) | Q(Exists(hops.filter(claim=OuterRef("pk"))))


def found_articles(typed: str | None) -> list:
    """The articles whose title holds what was typed, newest first (a trigram index scan on PostgreSQL)."""
    typed = (typed or "").strip()
    if not typed:
        return []
    return list(containing(Article, "title", typed).only("title")[: QueueFilterForm.PICKED])


def found_sources(typed: str | None) -> list:
    """The named sources whose name holds what was typed."""
    typed = (typed or "").strip()
    if not typed:
        return []
    named = containing(Source, "name", typed).named()  # type: ignore[attr-defined]  # a SourceQuerySet
    return list(named.only("name")[: QueueFilterForm.PICKED])


MAX_UPLOAD_BYTES = 2_000_000


class ImportForm(forms.Form):
    title = forms.CharField(max_length=300)
    outlet = forms.CharField(max_length=300, required=False, help_text="Who published it, if known.")
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=MAX_ARTICLE_CHARS,
        help_text="Paste the article text, or upload a file below.",
    )
    file = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="A .txt or .html file, up to 2 MB. From HTML only the article text is kept.",
    )

    def clean_outlet(self):
        outlet = self.cleaned_data["outlet"].strip()
        if outlet and not normalise_name(outlet):
            raise forms.ValidationError("Give the outlet's name, not only punctuation.")
        return outlet

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        name = upload.name.lower()
        if not name.endswith((".txt", ".html", ".htm")):
            raise forms.ValidationError("Upload a .txt or .html file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("The file is not UTF-8 text.") from error
        return html_to_text(content) if name.endswith((".html", ".htm")) else content

    def clean(self):
        data = super().clean()
        text = data.get("file") or data.get("text") or ""
        if not text.strip() and not self.errors:
            raise forms.ValidationError("Paste the article text or upload a file.")
        if len(text) > MAX_ARTICLE_CHARS:
            raise forms.ValidationError(f"The article is longer than {MAX_ARTICLE_CHARS:,} characters.")
        if "\x00" in text:
            raise forms.ValidationError("The text contains NUL characters: it is not a plain text file.")
        data["text"] = text.replace("\r\n", "\n")
        return data


class ChainField(forms.CharField):
    """Source names separated by ">" or new lines, outermost reporter first."""

    def to_python(self, value):
        value = super().to_python(value)
        return [name.strip() for name in re.split(r"[>\n]", value) if name.strip()]

    def prepare_value(self, value):
        return " > ".join(value) if isinstance(value, list) else value

    def run_validators(self, value):
        # Length and NUL checks apply to the names as typed, not to the list they become.
        super().run_validators(" > ".join(value))

    def validate(self, value):
        super().validate(value)
        if nameless := [name for name in value if not normalise_name(name)]:
            raise forms.ValidationError(f"“{nameless[0]}” is not a source's name.")


def occurrences(text: str, passage: str, most: int = 20) -> list[int]:
    """Where `passage` starts in `text`, up to `most` places."""
    found: list[int] = []
    at = text.find(passage)
    while at >= 0 and len(found) < most:
        found.append(at)
        at = text.find(passage, at + 1)
    return found


class HopsWidget(forms.Widget):
    """The chain's hops as one text field each (the template draws them); the form reads them all."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])


class HopsField(forms.Field):
    """Source names, one per hop, outermost first; empty hops are dropped."""

    widget = HopsWidget
    MOST = 12  # longer chains are no real attribution

    def to_python(self, value):
        names = [str(name).strip() for name in (value or []) if str(name).strip()]
        if len(names) > self.MOST:
            raise forms.ValidationError(f"A chain of more than {self.MOST} hops is not a chain: check it.")
        if any(len(name) > 300 or "\x00" in name for name in names):
            raise forms.ValidationError("A source's name has at most 300 characters, and no NUL.")
        return names


class PassageForm(forms.Form):
    """A passage of the article, as its words: the server finds them in the text, so nobody types offsets."""

    passage = forms.CharField(
        label="Passage in the article",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CLAIM_CHARS,
        help_text="The exact words of the article the claim rests on: its highlight moves to them.",
    )
    # Which place in the text, when the words occur more than once; set from the selection or a choice.
    occurrence = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, article_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_text = article_text
        self.choices: list[tuple[int, str, str]] = []  # (start, words before, words after) when ambiguous

    def clean_passage(self):
        return self.cleaned_data["passage"].replace("\r\n", "\n")  # browsers send textarea breaks as CRLF

    def clean(self):
        data = super().clean()
        if passage := (data.get("passage") or "").strip():
            self.find_passage(passage, data)
        return data

    def find_passage(self, passage: str, data: dict) -> None:
        """Set the span from the passage: its one place in the text, or the one the reviewer chose."""
        starts = occurrences(self.article_text, passage)
        if not starts:
            self.add_error("passage", "These words are not in the article: copy them exactly as they appear.")
            return
        chosen = data.get("occurrence")
        if chosen is not None and len(starts) > 1 and self.article_text.startswith(passage, chosen):
            starts = [chosen]  # the place the selection or a choice named, however many repeats there are
        if len(starts) > 1 and chosen not in starts:
            text, n = self.article_text, len(passage)
            self.choices = [(at, text[max(0, at - 60) : at], text[at + n : at + n + 60]) for at in starts]
            self.add_error(
                "passage", f"These words appear {len(starts)} times in the article: choose which one."
            )
            return
        data["start"] = starts[0] if len(starts) == 1 else chosen
        data["end"] = data["start"] + len(passage)


class SuggestionForm(PassageForm):
    text = forms.CharField(
        label="Claim", widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_CLAIM_CHARS
    )
    chain = ChainField(
        label="Attribution chain",
        required=False,
        max_length=2000,
        help_text="Outermost reporter first, separated by “>”. Leave empty for the article's own statement.",
    )
    cue = forms.CharField(max_length=100, required=False)
    hedge = forms.CharField(max_length=100, required=False)

    field_order = ["text", "passage", "occurrence", "chain", "cue", "hedge"]

    @property
    def accepted(self) -> dict:
        """What accept_suggestion takes from the form."""
        return {key: self.cleaned_data[key] for key in ["text", "start", "end", "chain", "cue", "hedge"]}


class ClaimEditForm(PassageForm):
    """A claim's text, passage, source, chain, cue and hedge; no offsets: the passage is found in the text."""

    text = forms.CharField(
        label="Claim",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CLAIM_CHARS,
        help_text="As the claim is to be checked; reword it if the passage alone would mislead.",
    )
    unattributed = forms.BooleanField(label="The article's own statement (no source)", required=False)
    source = forms.CharField(
        label="Source",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-sources", "autocomplete": "off"}),
        help_text="Who said it. Known sources are offered as you type; a new name adds a source.",
    )
    via = HopsField(
        label="Passed on by",
        required=False,
        help_text="The reporters between the article and the source, outermost first.",
    )
    source_kind = forms.ChoiceField(
        label="Kind, if the source is new",
        choices=[("", "Guess from the name"), *Source.Kind.choices],
        required=False,
    )
    source_description = forms.CharField(
        label="Description, if the source is new", max_length=500, required=False
    )
    cue = forms.CharField(max_length=100, required=False, help_text="“said”, “told”, “according to”…")
    hedge = forms.CharField(max_length=100, required=False, help_text="“reportedly”, “is believed to”…")
    note = forms.CharField(
        label="Why (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE_CHARS,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_claim(cls, claim: Claim, **kwargs) -> "ClaimEditForm":
        initial = {
            "text": claim.text,
            "passage": claim.article.text[claim.start : claim.end],
            "occurrence": claim.start,
            "unattributed": claim.unattributed,
            "source": claim.source.name if claim.source else "",
            "via": [source.name for source in claim.chain[:-1]],
            "cue": claim.cue,
            "hedge": claim.hedge,
            "version": claim.version,
        }
        return cls(initial=initial, article_text=claim.article.text, **kwargs)

    def clean_text(self):
        if not visible(self.cleaned_data["text"]):
            raise forms.ValidationError("Write the claim: these characters show as nothing.")
        return self.cleaned_data["text"].replace("\r\n", "\n")

    def clean(self):
        data = super().clean()
        names = [*data.get("via", []), data.get("source", "").strip()]
        if data.get("unattributed"):
            if any(names):
                self.add_error(
                    "source", "The article's own statement has no source: clear the source fields."
                )
            data["chain"] = []
        elif not data.get("source", "").strip():
            self.add_error("source", "Name the source, or mark this the article's own statement.")
        elif nameless := [name for name in names if not normalise_name(name)]:
            self.add_error("source", f"“{nameless[0]}” is not a source's name.")
        else:
            data["chain"] = names
        return data


class HopCheckForm(forms.Form):
    """Whether one hop of a chain holds, with why; `prefix` keeps each hop's fields apart in the panel."""

    verdict = forms.ChoiceField(
        choices=ChainLink.Verdict,
        error_messages={"invalid_choice": "Choose holds, misattributed or not checked."},
    )
    note = forms.CharField(
        label="Hop note",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=MAX_NOTE_CHARS,
        help_text="Where the hop's source says it, or why it doesn't. Required for misattributed.",
    )
    evidence_url = forms.URLField(
        label="Hop evidence URL", required=False, max_length=500, assume_scheme="https"
    )
    evidence_excerpt = forms.CharField(
        label="Hop evidence excerpt",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=MAX_NOTE_CHARS,
        help_text="The passage where the hop's source says it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == ChainLink.Verdict.MISATTRIBUTED and not visible(data.get("note", "")):
            self.add_error("note", "Say why the attribution does not hold: a note is required.")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is no claim", max_length=MAX_NOTE_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_reason(self):
        if not visible(self.cleaned_data["reason"]):
            raise forms.ValidationError("Say why this is not a claim.")
        return self.cleaned_data["reason"]


class NewClaimForm(ClaimEditForm):
    """The edit form for a claim not yet in the queue; one overlapping another must be said to be separate."""

    version = None  # type: ignore[assignment]  # Django's way to leave out a field of the parent form
    separate = forms.BooleanField(
        label="It is a separate claim from the one it overlaps", required=False, widget=forms.CheckboxInput
    )

    def __init__(self, *args, claims: list[Claim], **kwargs):
        super().__init__(*args, **kwargs)
        self.claims = claims  # the article's current claims, to check overlaps against

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or data.get("separate"):
            return data
        if overlapped := [c for c in self.claims if c.start < end and c.end > start]:
            self.add_error(
                "passage",
                f"This passage overlaps the claim “{overlapped[0].text[:80]}”. Tick “separate claim” below "
                "if it is one; otherwise edit that claim instead.",
            )
        return data


class MergeForm(forms.Form):
    """The other record of the same source, by name, to merge into the one whose page this is."""

    other = forms.CharField(
        label="Another record of this source",
        max_length=300,
        widget=forms.TextInput(attrs={"list": "known-sources", "autocomplete": "off"}),
        help_text="Its claims and chain hops move here, and its name becomes another name of this source.",
    )

    def __init__(self, *args, source: Source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_other(self) -> Source:
        other = (
            Source.objects.named().filter(normalised_name=Source.key_for(self.cleaned_data["other"])).first()
        )
        if other is None:
            raise forms.ValidationError("No named source is called that: choose one of those offered.")
        if other.pk == self.source.pk:
            raise forms.ValidationError("That is this source: choose another record to merge into it.")
        return other


class LinkForm(forms.Form):
    """How the claim stands to a suggested claim of another article: one button per relation."""

    other = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    relation = forms.ChoiceField(
        choices=LinkRelation.choices,
        error_messages={"invalid_choice": "Choose how the claims stand to each other.",
                        "required": "Choose how the claims stand to each other."},
    )  # fmt: skip
