from collections import Counter
from contextlib import suppress

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from factcheck.accounts.roles import EDITORS, REVIEWERS, visible_accounts
from factcheck.admin import ReadOnlyAdminMixin, SafeAdminMixin, SafeAutocompleteMixin, is_valid_key
from factcheck.claims.decisions import (
    BadSpan,
    NothingToRecord,
    NotPublishable,
    StaleClaim,
    assign_claim,
    edit_claim,
    publish_claim,
    record_added,
    record_decision,
    restore_claim,
    visible,
    withdraw_claim,
)
from factcheck.claims.exports import csv_response
from factcheck.claims.models import (
    MAX_NOTE_CHARS,
    Article,
    ChainLink,
    Claim,
    ClaimLink,
    ImportJob,
    Review,
    Source,
    SourceAlias,
    SourceMerge,
    Suggestion,
    shorten,
)
from factcheck.claims.sources import AnonymousSource, NameTaken, merge_sources, split_alias

STALE = (
    "This claim changed after you opened it: a reviewer decided it or someone edited it meanwhile. "
    "Nothing was saved. Reload the page to see the latest version, then make your change again."
)
WITHDRAWN = "This claim is withdrawn. Restore it (an action in the claim list) before editing it."
SAME_SPAN = "Another claim covers exactly this passage already."
EDITABLE = ["text", "span", "source", "chain", "cue", "hedge"]  # what edit_claim records, in form order


class AccountFilter(admin.RelatedFieldListFilter):
    """A filter by user that offers only the accounts the viewer sees in the user admin."""

    def field_choices(self, field, request, model_admin):
        users = visible_accounts(field.related_model._default_manager.all(), viewer=request.user)
        if ordering := self.field_admin_ordering(field, request, model_admin):
            users = users.order_by(*ordering)
        return [(user.pk, str(user)) for user in users]


class PublishedFilter(admin.SimpleListFilter):
    title = "published"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(published_at__isnull=self.value() == "no")
        return queryset


def kept_links(formset) -> list[dict]:
    """The rows of a chain formset that the editor kept, in chain order."""
    kept = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return sorted(kept, key=lambda link: link["position"])


class ChainLinkFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return  # a row with a bad position or source shows its own error; the chain can't be read yet
        kept = kept_links(self)
        claim = self.instance
        if claim.unattributed and kept:
            raise ValidationError("An unattributed claim has no attribution chain.")
        if kept and kept[-1]["source"] != claim.source:
            raise ValidationError(
                f"The chain must end with the claim's source ({claim.source}); "
                f"it ends with {kept[-1]['source']}."
            )


class ChainLinkInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ChainLink
    formset = ChainLinkFormSet
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "link in the attribution chain (outermost reporter first)"


class LoadedVersionField(forms.IntegerField):
    """The version of the claim the editor loaded: the optimistic lock, never a change of theirs."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # else a stale version would count as an edit, and show in the admin's log


class VersionedClaimForm(forms.ModelForm):
    """A claim's form that carries the version the editor loaded, so a save can't undo what changed since.

    Not named `version`: that model field isn't editable, and a form may not name it.
    """

    loaded_version = LoadedVersionField(required=False)
    # An article's claim rows are checked only when the editor touched them: renaming the article must
    # not fail because a reviewer decided one of its claims meanwhile.
    guard_untouched = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        claim = self.instance  # as loaded: the form's values reach it only after clean()
        if claim.pk is None or not (self.guard_untouched or self.has_changed()):
            return cleaned
        if claim.withdrawn:
            raise ValidationError(WITHDRAWN)
        if cleaned.get("loaded_version") != claim.version:
            raise ValidationError(STALE)
        # With the article read-only the form skips the one-claim-per-passage constraint: check it here.
        span = {"start": cleaned.get("start"), "end": cleaned.get("end")}
        others = Claim.objects.filter(article_id=claim.article_id, **span).exclude(pk=claim.pk)
        if "article" not in self.fields and None not in span.values() and others.exists():
            raise ValidationError(SAME_SPAN)
        return cleaned


class ClaimChangeForm(VersionedClaimForm):
    """A claim's own page: the version is always checked, and the editor may say why they changed it."""

    guard_untouched = True
    note = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you changed the claim; kept with the change in its history.",
    )


class ClaimInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Claim
    form = VersionedClaimForm
    extra = 0
    fields = [
        "text", "start", "end", "source", "cue", "hedge", "unattributed",
        "status", "assignee", "withdrawn", "loaded_version",
    ]  # fmt: skip
    # Changed only by the claim actions, which write history.
    readonly_fields = ["status", "assignee", "withdrawn"]
    autocomplete_fields = ["source"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "assignee")


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(is_active=True, groups__name__in=[REVIEWERS, EDITORS])
        .distinct()
        .order_by("username"),
        required=False,
        label="Reviewer",
        empty_label="nobody",
    )
    reason = forms.CharField(required=False, max_length=MAX_NOTE_CHARS, label="Reason")


class EditsThroughHistory(admin.ModelAdmin):
    """For the admins that change existing claims: every edit goes through edit_claim, into the history."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StaleClaim, BadSpan) as refusal:
            # Refused while saving, after the form's own checks (a race): the save's transaction rolled
            # back, the article's fields and the admin log entry with it.
            message = STALE if isinstance(refusal, StaleClaim) else f"{refusal} Nothing was saved."
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_edit(self, request, form: VersionedClaimForm, links: list[Source] | None = None) -> None:
        """Save an existing claim's form through edit_claim, at the version the editor loaded.

        `links` is the chain the editor set, maybe none; None keeps the claim's own chain, or starts a new
        one at a new source.
        """
        claims = Claim.objects.select_related("article", "source").prefetch_related("links__source")
        claim = claims.filter(pk=form.instance.pk).first()
        if claim is None:
            raise StaleClaim  # deleted meanwhile
        data = form.cleaned_data
        source = data["source"]  # None exactly when the claim is unattributed (Claim.clean)
        if links:
            chain = links
        elif source is None:
            chain = []
        elif links is None and source == claim.source:
            chain = claim.chain
        else:
            chain = [source]  # as Claim.chain reads a claim without links: the source told the article
        try:
            review = edit_claim(
                claim=claim,
                by=request.user,
                version=data["loaded_version"],
                text=data["text"],
                start=data["start"],
                end=data["end"],
                chain=chain,
                cue=data["cue"],
                hedge=data["hedge"],
                note=data.get("note", ""),
            )
        except NothingToRecord:
            # The form changed nothing edit_claim keeps (a chain renumbered, say): nothing to save.
            if visible(data.get("note", "")):
                self.message_user(request, "The note was not kept: nothing about the claim changed.")
            return
        form.instance.refresh_from_db()
        if review.old_status != review.new_status:
            was = Claim.Status(review.old_status).label.lower()
            self.message_user(
                request,
                f"“{claim}” was {was}. What it says changed, so it is unverified again, back in the queue.",
                messages.WARNING,
            )


@admin.register(Article)
class ArticleAdmin(SafeAdminMixin, EditsThroughHistory):
    list_display = ["short_title", "outlet", "published_on", "claim_count", "created_at"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["created_at"]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(claim_total=Count("claims", filter=Q(claims__withdrawn=False)))
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Claim:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for claim in formset.deleted_objects:
            claim.delete()
        for claim_form in formset.forms:
            if claim_form in formset.deleted_forms or not claim_form.has_changed():
                continue
            if claim_form.instance._state.adding:
                claim_form.instance.save()  # a new claim: nothing to record yet
            else:
                self.save_edit(request, claim_form)
        return None

    @admin.display(description="title", ordering="title")
    def short_title(self, article):
        return shorten(article.title, 60)  # the list fits 1280 px; the article's page has it whole

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article):
        return article.claim_total


@admin.register(Claim)
class ClaimAdmin(SafeAdminMixin, EditsThroughHistory):
    list_display = [
        "__str__", "article_title", "source", "chain_path", "status", "published", "assignee", "withdrawn",
        "updated_at",
    ]  # fmt: skip
    list_filter = [
        "status", PublishedFilter, "withdrawn", "unattributed", "source__kind", ("assignee", AccountFilter),
        "article",
    ]  # fmt: skip
    list_select_related = ["article", "source", "assignee"]
    search_fields = ["text", "source__name", "article__title", "cue", "hedge"]
    # Status, assignee and withdrawal change only through the actions below, which write the history.
    readonly_fields = [
        "status",
        "published_at",
        "assignee",
        "withdrawn",
        "version",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["article", "source"]
    form = ClaimChangeForm
    inlines = [ChainLinkInline]
    action_form = AssignForm
    actions = [
        "assign_reviewer",
        "reset_to_unverified",
        "withdraw",
        "restore",
        "publish",
        "unpublish",
        "export_csv",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("links__source")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = forms.ModelForm  # a new claim: no version to guard, no history to note yet
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # A claim stays in its article: edit_claim changes what it says there, not where.
        return ["article", *self.readonly_fields] if obj else self.readonly_fields

    def get_fields(self, request, obj=None):
        # Read-only on a claim's page, the article would come last, with the other read-only fields.
        fields = super().get_fields(request, obj)
        return ["article", *(name for name in fields if name != "article")]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()  # a new claim; an existing one is saved with its chain, in save_related

    def save_related(self, request, form, formsets, change):
        if not change:  # a new claim and its chain: its history starts with who added it, as anywhere
            super().save_related(request, form, formsets, change)
            record_added(claim=Claim.objects.with_chain().get(pk=form.instance.pk), by=request.user)
            return None
        # One edit_claim call for the claim and its chain, so the history holds the change as one.
        links = None
        for formset in formsets:
            if formset.model is ChainLink:
                formset.save(commit=False)  # writes nothing; the admin log reads what changed from it
                links = [link["source"] for link in kept_links(formset)]
        return self.save_edit(request, form, links)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # The reviewers to assign to: only the accounts this editor sees in the user admin.
        if action_form := getattr(response, "context_data", {}).get("action_form"):
            field = action_form.fields["assignee"]
            field.queryset = visible_accounts(field.queryset, viewer=request.user)
        return response

    def response_action(self, request, queryset, **kwargs):
        # The action form refuses an unknown reviewer or an overlong reason before the action runs, and
        # Django would only say "No action selected": name the real problem.
        errors = self.action_form(request.POST, auto_id=None).errors
        if "assignee" in errors:
            self.message_user(request, "That reviewer does not exist.", messages.ERROR)
            return None
        if "reason" in errors:
            self.message_user(
                request, f"The reason is too long: at most {MAX_NOTE_CHARS} characters.", messages.ERROR
            )
            return None
        return super().response_action(request, queryset, **kwargs)

    @admin.display(description="article", ordering="article__title")
    def article_title(self, claim):
        return shorten(claim.article.title, 40)

    @admin.display(description="published", boolean=True, ordering="published_at")
    def published(self, claim):
        return claim.published_at is not None

    @admin.display(description="chain")
    def chain_path(self, claim):
        return " → ".join(source.name for source in claim.chain) or "—"

    @admin.action(description="Assign the selected claims to the reviewer chosen below")
    def assign_reviewer(self, request, queryset):
        assignee = None
        if pk := request.POST.get("assignee"):
            assignable = visible_accounts(AssignForm.base_fields["assignee"].queryset, viewer=request.user)
            assignee = assignable.filter(pk=pk).first()
            if assignee is None:
                self.message_user(request, "That reviewer does not exist.", messages.ERROR)
                return
        for claim in queryset:
            with suppress(Claim.DoesNotExist):  # deleted by someone else meanwhile
                assign_claim(claim=claim, assignee=assignee, by=request.user)
        who = assignee.get_username() if assignee else "nobody"
        self.message_user(request, f"Assigned {len(queryset)} claim(s) to {who}.", messages.SUCCESS)

    @admin.action(description="Export the selected claims as CSV")
    def export_csv(self, request, queryset):
        return csv_response(request, queryset, "claims")  # streamed: "select all" may be a million rows

    @admin.action(description="Reset the selected claims to unverified")
    def reset_to_unverified(self, request, queryset):
        reset = skipped = 0
        for claim in queryset.exclude(status=Claim.Status.UNVERIFIED):
            try:
                record_decision(
                    claim=claim,
                    reviewer=request.user,
                    status=Claim.Status.UNVERIFIED,
                    note="Reset to unverified by an editor.",
                    version=claim.version,
                )
                reset += 1
            except StaleClaim:
                skipped += 1
        self.message_user(request, f"Reset {reset} claim(s) to unverified.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} claim(s) changed meanwhile and were left alone.", messages.WARNING
            )

    def has_publish_permission(self, request):
        return request.user.has_perm("claims.publish_claim")

    @admin.action(description="Publish the selected claims' reviews (ClaimReview)", permissions=["publish"])
    def publish(self, request, queryset):
        self._publish(request, queryset, public=True)

    @admin.action(description="Take the selected claims' reviews down", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._publish(request, queryset, public=False)

    def _publish(self, request, queryset, *, public: bool) -> None:
        done = 0
        left: Counter[str] = Counter()
        for claim in queryset:
            try:
                publish_claim(claim=claim, by=request.user, version=claim.version, public=public)
                done += 1
            except NotPublishable:
                left["unverified or withdrawn, which is never published"] += 1
            except NothingToRecord:
                left["published already" if public else "not published"] += 1
            except StaleClaim:
                left["changed meanwhile"] += 1
        verb = "Published the reviews of" if public else "Took down the reviews of"
        self.message_user(request, f"{verb} {done} claim(s).", messages.SUCCESS)
        for why, n in left.items():
            self.message_user(request, f"{n} claim(s) were left alone: {why}.", messages.WARNING)

    @admin.action(description="Withdraw the selected claims (not claims after all: give the reason)")
    def withdraw(self, request, queryset):
        reason = request.POST.get("reason", "")
        if not visible(reason):
            self.message_user(
                request, "Give the reason for withdrawing: it is kept in the claims' history.", messages.ERROR
            )
            return
        self._withdraw_or_restore(request, queryset, withdrawn=True, note=reason)

    @admin.action(description="Restore the selected withdrawn claims")
    def restore(self, request, queryset):
        self._withdraw_or_restore(request, queryset, withdrawn=False, note=request.POST.get("reason", ""))

    def _withdraw_or_restore(self, request, queryset, *, withdrawn: bool, note: str) -> None:
        done = skipped = taken = 0
        for claim in queryset.filter(withdrawn=not withdrawn):
            try:
                if withdrawn:
                    withdraw_claim(claim=claim, by=request.user, version=claim.version, reason=note)
                else:
                    restore_claim(claim=claim, by=request.user, version=claim.version, note=note)
                done += 1
            except StaleClaim:
                skipped += 1
            except BadSpan:
                taken += 1
        if taken:
            self.message_user(
                request,
                f"{taken} claim(s) were left withdrawn: another claim covers exactly their passage now.",
                messages.WARNING,
            )
        verb, state = ("Withdrew", "withdrawn already") if withdrawn else ("Restored", "not withdrawn")
        self.message_user(request, f"{verb} {done} claim(s).", messages.SUCCESS)
        if left := len(queryset) - done - skipped - taken:
            self.message_user(request, f"{left} claim(s) were {state} and were left alone.", messages.INFO)
        if skipped:
            self.message_user(
                request, f"{skipped} claim(s) changed meanwhile and were left alone.", messages.WARNING
            )


class SeenWithSources:
    """Aliases and merges are part of the sources: whoever sees the sources sees them."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.view_source")

    def has_add_permission(self, request, obj=None):
        return False  # made and undone only by merge_sources and split_alias, which record it

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SourceAliasInline(SeenWithSources, admin.TabularInline):
    model = SourceAlias
    fk_name = "source"
    extra = 0
    fields = ("name", "kind", "description", "created_at", "split_off")
    readonly_fields = fields
    verbose_name = "other name (imports find this source by it)"
    verbose_name_plural = "other names, from merges (imports find this source by them)"

    @admin.display(description="split off")
    def split_off(self, alias):
        # A submit button of the source's own form: SourceAdmin.changeform_view splits before any save.
        return format_html(
            '<button type="submit" name="_split_alias" value="{}">Split off as a source of its own</button>',
            alias.pk,
        )


@admin.register(Source)
class SourceAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = [
        "name", "kind", "description", "speaker", "intermediary", "unverified", "confirmed", "disputed",
    ]  # fmt: skip
    list_filter = ["kind"]
    search_fields = ["name", "normalised_name", "description", "aliases__name"]
    inlines = [SourceAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_inlines(self, request, obj):
        # Only a source with other names shows them, so its form carries no empty formset otherwise.
        return self.inlines if obj is not None and obj.aliases.exists() else []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "_split_alias" in request.POST:
            return self.split_off(request, object_id, request.POST["_split_alias"])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def split_off(self, request, object_id: str, alias_id: str) -> HttpResponseRedirect:
        """Split one of the source's aliases off as a source of its own, and come back to the source."""
        if not (self.has_change_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        alias = None
        if is_valid_key(self.opts.pk, object_id) and is_valid_key(SourceAlias._meta.pk, alias_id):
            alias = SourceAlias.objects.filter(pk=alias_id, source_id=object_id).first()
        if alias is None:
            self.message_user(request, "That is not one of this source's names any more.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        try:
            record = split_alias(alias=alias, by=request.user)
        except (SourceAlias.DoesNotExist, NameTaken):
            self.message_user(
                request, f"“{alias}” could not be split off: it changed meanwhile.", messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        self.message_user(
            request,
            f"“{record.alias}” is a source of its own again: {len(record.claim_ids)} claim(s) and "
            f"{len(record.link_ids)} chain link(s) moved back to it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.get_full_path())

    @admin.action(
        description="Merge the selected sources (the one with the most claims is kept)",
        permissions=["change", "delete"],
    )
    def merge_selected(self, request, queryset):
        sources = list(queryset)
        if len(sources) < 2:
            self.message_user(request, "Select two or more sources to merge.", messages.ERROR)
            return
        # Keeping the busiest moves the fewest rows; on a tie the oldest record stays.
        keep = max(sources, key=lambda s: (s.speaker + s.intermediary, -s.pk))
        merged = [source for source in sources if source != keep]
        try:
            with transaction.atomic():
                for source in merged:
                    merge_sources(keep=keep, merge=source, by=request.user)
        except AnonymousSource:
            self.message_user(
                request,
                "Anonymous sources are described per article, not merged. Nothing was merged.",
                messages.ERROR,
            )
            return
        except Source.DoesNotExist:
            self.message_user(
                request,
                "A selected source was merged or deleted meanwhile. Nothing was merged.",
                messages.ERROR,
            )
            return
        names = ", ".join(f"“{source}”" for source in merged)
        self.message_user(
            request,
            f"Merged {names} into “{keep}”, the one with the most claims; "
            "their names are now its aliases, which imports match.",
            messages.SUCCESS,
        )

    @admin.display(description="claims as speaker", ordering="speaker")
    def speaker(self, source):
        return source.speaker

    @admin.display(description="claims as intermediary", ordering="intermediary")
    def intermediary(self, source):
        return source.intermediary

    @admin.display(ordering="unverified")
    def unverified(self, source):
        return source.unverified

    @admin.display(ordering="confirmed")
    def confirmed(self, source):
        return source.confirmed

    @admin.display(ordering="disputed")
    def disputed(self, source):
        return source.disputed


@admin.register(SourceMerge)
class SourceMergeAdmin(SeenWithSources, SafeAdminMixin, admin.ModelAdmin):
    """The record of merges and splits, read-only like the claims' history."""

    list_display = ["created_at", "action", "alias", "kept", "moved", "by"]
    list_filter = ["action"]
    list_select_related = ["by"]
    search_fields = ["alias", "kept"]

    actions = ["split_off"]

    def has_split_permission(self, request):
        return request.user.has_perms(["claims.change_source", "claims.add_source"])

    @admin.action(description="Split off again the names the selected merges made", permissions=["split"])
    def split_off(self, request, queryset):
        split = []
        for alias in SourceAlias.objects.filter(merge__in=queryset).order_by("pk"):
            with suppress(SourceAlias.DoesNotExist, NameTaken):  # split off by someone else meanwhile
                split.append(split_alias(alias=alias, by=request.user).alias)
        if not split:
            self.message_user(request, "None of the selected merges has a name left to split off.")
            return
        names = ", ".join(f"“{name}”" for name in split)
        self.message_user(request, f"Split off {names}: each is a source of its own again.", messages.SUCCESS)

    @admin.display(description="moved")
    def moved(self, record):
        return f"{len(record.claim_ids)} claim(s), {len(record.link_ids)} chain link(s)"


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdminMixin, SafeAdminMixin, admin.ModelAdmin):
    """Backlogs imported by the background workers, with their progress: made by `import_articles
    --background`, run by `manage.py db_worker`, watched here."""

    list_display = ["created_at", "state", "progress", "imported", "skipped", "failed", "outlet"]
    list_filter = ["state"]
    fields = (
        "state", "progress", "imported", "skipped", "failed", "errors", "outlet", "paths",
        "created_at", "started_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.add_article")  # whoever imports articles


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, SafeAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "claim", "reviewer", "old_status", "new_status", "changed", "note"]
    list_filter = ["new_status", ("reviewer", AccountFilter)]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["note", "claim__text", "reviewer__username"]

    @admin.display(description="changes")
    def changed(self, review):
        """What an edit, withdrawal or restoration changed, by field; the review's page has before → after."""
        if not review.changes:
            return "—"
        if hop := review.changes.get("hop"):
            verdict = ChainLink.Verdict(hop["verdict"][1]).label.lower()
            return f"hop {hop['position'] + 1} ({hop['source']}): {verdict}"
        if link := review.changes.get("link"):
            before, after = (ClaimLink.Relation(r).label.lower() if r else "none" for r in link["relation"])
            return f"link to claim {link['claim']}: {before} → {after}"
        # In the claim form's order: PostgreSQL's jsonb keeps keys in an order of its own.
        order = {name: i for i, name in enumerate(EDITABLE)}
        names = sorted(
            (name for name in review.changes if name != "withdrawn"), key=lambda n: order.get(n, 99)
        )
        if "withdrawn" in review.changes:
            names.append("withdrawn" if review.changes["withdrawn"][1] else "restored")
        return ", ".join(names)


@admin.register(ClaimLink)
class ClaimLinkAdmin(ReadOnlyAdminMixin, SafeAdminMixin, admin.ModelAdmin):
    """How claims of different articles stand to each other, read-only: links are made in the claim panel,
    and each claim's history keeps every change."""

    list_display = ["updated_at", "low", "relation", "high", "by", "created_at"]
    list_filter = ["relation", ("by", AccountFilter)]
    list_select_related = ["low", "high", "by"]
    search_fields = ["low__text", "high__text"]


@admin.register(Suggestion)
class SuggestionAdmin(SafeAdminMixin, admin.ModelAdmin):
    """What the extractor suggested and what became of it; decided on the suggestions page, not here."""

    list_display = [
        "__str__",
        "article",
        "source_name",
        "cue",
        "cue_class",
        "confidence",
        "hedge",
        "state",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["state", "attributed", "cue_class"]
    list_select_related = ["article", "decided_by"]
    search_fields = ["text", "article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
