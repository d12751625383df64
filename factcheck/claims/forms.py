from django import forms

from factcheck.claims.models import MAX_NOTE_CHARS, Article, Claim, Source
from factcheck.claims.search import search_claims


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
        if data.get("status") == Claim.Status.DISPUTED and not data.get("note", "").strip():
            self.add_error("note", "Say why you dispute this claim: a note is required.")
        return data


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.ChoiceField(choices=[("", "Any status"), *Claim.Status.choices], required=False)
    article = forms.ModelChoiceField(
        queryset=Article.objects.only("pk", "title"), required=False, empty_label="Any article"
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.only("pk", "name"), required=False, empty_label="Any source"
    )
    kind = forms.ChoiceField(
        label="Source kind", choices=[("", "Any kind"), *Source.Kind.choices], required=False
    )
    mine = forms.BooleanField(label="Assigned to me", required=False)

    def filter(self, claims, user):
        """Narrow `claims` by every valid filter but status; an invalid filter is shown, not applied."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            claims = search_claims(claims, data["q"])
        if data.get("article"):
            claims = claims.filter(article=data["article"])
        if data.get("source"):
            claims = claims.filter(source=data["source"])
        if data.get("kind"):
            claims = claims.filter(source__kind=data["kind"])
        if data.get("mine"):
            claims = claims.filter(assignee=user)
        return claims
