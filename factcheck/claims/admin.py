from contextlib import suppress

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Count, Field, Q
from django.db.models.constants import LOOKUP_SEP
from django.forms.models import BaseInlineFormSet

from factcheck.claims.decisions import StaleClaim, assign_claim, record_decision
from factcheck.claims.models import Article, ChainLink, Claim, Review, Source, Suggestion
from factcheck.claims.roles import EDITORS, REVIEWERS, accounts_within_reach, visible_accounts


def save_changed(obj, form, change: bool) -> None:
    """Save only the fields the form changed, so a decision made meanwhile is not written back over."""
    if not change:
        obj.save()
        return
    concrete = {field.name for field in obj._meta.concrete_fields}
    if fields := [name for name in form.changed_data if name in concrete]:
        obj.save(update_fields=fields)


def is_valid_key(field: Field, value) -> bool:
    """Whether `value` can be looked up in `field`: the right type, and in the column's range."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class ValidKeysOnly:
    """An autocomplete widget that drops ids of the wrong type before looking up the chosen options."""

    def optgroups(self, name, value, attr=None):
        # Re-rendering a form that refused `source=abc` would otherwise query pk__in=["abc"] and fail.
        value = [v for v in value if is_valid_key(self.field.target_field, v)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(ValidKeysOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidKeysOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """Every autocomplete field of an admin or inline uses the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SafeAdminMixin(SafeAutocompleteMixin):
    """For every ModelAdmin: safe autocompletes, and a bulk action refuses a selection that holds a bad id."""

    def response_action(self, request, queryset, **kwargs):
        # Django would filter pk__in=["abc"] and fail; say so and run nothing instead.
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(is_valid_key(self.opts.pk, pk) for pk in selected):
            self.message_user(
                request, "The selection is not valid. No items have been changed.", messages.ERROR
            )
            return None
        return super().response_action(request, queryset, **kwargs)


class AccountFilter(admin.RelatedFieldListFilter):
    """A filter by user that offers only the accounts the viewer sees in the user admin."""

    def field_choices(self, field, request, model_admin):
        users = visible_accounts(field.related_model._default_manager.all(), viewer=request.user)
        if ordering := self.field_admin_ordering(field, request, model_admin):
            users = users.order_by(*ordering)
        return [(user.pk, str(user)) for user in users]


class ChainLinkFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return  # a row with a bad position or source shows its own error; the chain can't be read yet
        kept = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept.sort(key=lambda link: link["position"])
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


class ClaimInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["text", "start", "end", "source", "cue", "hedge", "unattributed", "status", "assignee"]
    readonly_fields = ["status", "assignee"]  # changed only by the claim actions, which write history
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


@admin.register(Article)
class ArticleAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["title", "outlet", "published_on", "claim_count", "created_at"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["created_at"]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Claim:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for claim in formset.deleted_objects:
            claim.delete()
        for claim_form in formset.forms:
            if claim_form in formset.deleted_forms or not claim_form.has_changed():
                continue
            save_changed(claim_form.instance, claim_form, change=not claim_form.instance._state.adding)
        return None

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article):
        return article.claim_total


@admin.register(Claim)
class ClaimAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "article", "source", "chain_path", "status", "assignee", "updated_at"]
    list_filter = ["status", "unattributed", "source__kind", ("assignee", AccountFilter), "article"]
    list_select_related = ["article", "source", "assignee"]
    search_fields = ["text", "source__name", "article__title", "cue", "hedge"]
    # Status and assignee change only through the actions below, which write the history.
    readonly_fields = ["status", "assignee", "version", "created_at", "updated_at"]
    autocomplete_fields = ["article", "source"]
    inlines = [ChainLinkInline]
    action_form = AssignForm
    actions = ["assign_reviewer", "reset_to_unverified"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("links__source")

    def save_model(self, request, obj, form, change):
        save_changed(obj, form, change)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # The reviewers to assign to: only the accounts this editor sees in the user admin.
        if action_form := getattr(response, "context_data", {}).get("action_form"):
            field = action_form.fields["assignee"]
            field.queryset = visible_accounts(field.queryset, viewer=request.user)
        return response

    def response_action(self, request, queryset, **kwargs):
        # The action form refuses an unknown reviewer before the action runs, and Django would only
        # say "No action selected": name the real problem.
        if "assignee" in self.action_form(request.POST, auto_id=None).errors:
            self.message_user(request, "That reviewer does not exist.", messages.ERROR)
            return None
        return super().response_action(request, queryset, **kwargs)

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


@admin.register(Source)
class SourceAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "description", "unverified", "confirmed", "disputed"]
    list_filter = ["kind"]
    search_fields = ["name", "normalised_name", "description"]

    def get_queryset(self, request):
        per_status = {
            status: Count("claims", filter=Q(claims__status=status)) for status in Claim.Status.values
        }
        return super().get_queryset(request).annotate(**per_status)

    @admin.display(ordering="unverified")
    def unverified(self, source):
        return source.unverified

    @admin.display(ordering="confirmed")
    def confirmed(self, source):
        return source.confirmed

    @admin.display(ordering="disputed")
    def disputed(self, source):
        return source.disputed


@admin.register(Review)
class ReviewAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "claim", "reviewer", "old_status", "new_status", "note"]
    list_filter = ["new_status", ("reviewer", AccountFilter)]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["note", "claim__text", "reviewer__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suggestion)
class SuggestionAdmin(SafeAdminMixin, admin.ModelAdmin):
    """What the extractor suggested and what became of it; decided on the suggestions page, not here."""

    list_display = ["__str__", "article", "source_name", "cue", "hedge", "state", "decided_by", "decided_at"]
    list_filter = ["state", "attributed"]
    list_select_related = ["article", "decided_by"]
    search_fields = ["text", "article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister([get_user_model(), Group, AccessAttempt, AccessLog, AccessFailureLog])


@admin.register(get_user_model())
class NewsroomUserAdmin(SafeAdminMixin, UserAdmin):
    """Editors add and deactivate reviewers and editors; only a superuser grants more than the two roles."""

    def get_queryset(self, request):
        return visible_accounts(super().get_queryset(request), viewer=request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            reachable = accounts_within_reach(self.model._default_manager.all(), viewer=request.user)
            if not reachable.filter(pk=obj.pk).exists():
                return False
        return super().has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # No superuser switch and no one-off permissions: an editor can only hand out the two roles.
        hidden = {"is_superuser", "user_permissions"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=[REVIEWERS, EDITORS])
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Group)
class NewsroomGroupAdmin(SafeAdminMixin, GroupAdmin):
    pass


# What a failed login posted can hold a password typed into the username box: no page shows it.
FORM_DATA = {"get_data", "post_data"}


@admin.register(AccessAttempt)
class NewsroomAccessAttemptAdmin(SafeAdminMixin, AccessAttemptAdmin):
    """Failed logins: an editor lifts the lockouts of the accounts within their reach, and only those."""

    fieldsets = [
        (None, {"fields": ["username", "path_info", "failures_since_start", "expiration"]}),
        ("Meta data", {"fields": ["user_agent", "ip_address", "http_accept"]}),
    ]
    readonly_fields = [f for f in AccessAttemptAdmin.readonly_fields if f not in FORM_DATA]
    # Not axes' "clean up expired attempts": it deletes on every account, reachable or not, and fails
    # outside a login request (no request.axes_attempt_time). Axes deletes them itself at every login.
    actions = []

    def get_queryset(self, request):
        attempts = super().get_queryset(request)
        if request.user.is_superuser:
            return attempts
        # A username with no account locks nobody out (the lockout is per username and address), and
        # it may be a password typed into the wrong box: such attempts are for a superuser to see.
        users = get_user_model()._default_manager.all()
        within_reach = accounts_within_reach(users, viewer=request.user)
        return attempts.filter(username__in=within_reach.values("username"))

    def lookup_allowed(self, lookup, value, request):
        # ?post_data__contains=… would read the form data back one guess at a time.
        if lookup.split(LOOKUP_SEP, 1)[0] in FORM_DATA:
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(AccessLog)
class NewsroomAccessLogAdmin(SafeAdminMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class NewsroomAccessFailureLogAdmin(SafeAdminMixin, AccessFailureLogAdmin):
    pass
