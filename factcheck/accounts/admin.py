"""The newsroom's accounts in the admin: editors add and deactivate reviewers and editors within the two
roles, and lift the lockouts of accounts within their reach."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.db.models.constants import LOOKUP_SEP

from factcheck.accounts.roles import EDITORS, REVIEWERS, accounts_within_reach, visible_accounts
from factcheck.admin import SafeAdminMixin

admin.site.unregister([get_user_model(), Group, AccessAttempt, AccessLog, AccessFailureLog])


class NewsroomUserCreationForm(AdminUserCreationForm):
    """The add-user page asks for the role at once: an account without one can do nothing."""

    role = forms.ChoiceField(
        choices=[(REVIEWERS, "Reviewer"), (EDITORS, "Editor (admin access)")],
        help_text="Reviewers check claims; editors also run the desk here.",
    )

    def save(self, commit=True):
        self.instance.is_staff = self.cleaned_data["role"] == EDITORS  # editors work in the admin
        return super().save(commit=commit)

    def _save_m2m(self):
        # The admin saves the user, then its relations: the role is one of them.
        super()._save_m2m()
        self.instance.groups.add(Group.objects.get(name=self.cleaned_data["role"]))


@admin.register(get_user_model())
class NewsroomUserAdmin(SafeAdminMixin, UserAdmin):
    """Editors add and deactivate reviewers and editors; only a superuser grants more than the two roles."""

    add_form = NewsroomUserCreationForm
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "role", "usable_password", "password1", "password2"],
            },
        )
    ]

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
    actions: list[str] = []

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
