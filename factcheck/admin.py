"""The editors' admin site, and what hardens every admin page of it against hostile input: autocomplete
widgets and bulk actions that refuse ids of the wrong type, and the read-only admin of records the app writes
itself. The apps' own admins are in their admin.py."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Field


class EditorAdminSite(admin.AdminSite):
    site_header = "factcheck: editors' desk"
    site_title = "factcheck admin"
    index_title = "Newsroom"

    def has_permission(self, request):
        # Staff status alone is not enough: reviewers are refused even if someone made them staff.
        user = request.user
        return user.is_active and user.is_staff and user.has_perm("claims.change_claim")


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

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):  # GroupAdmin's has request=None
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReadOnlyAdminMixin:
    """For a record the app writes itself (history, links, jobs): listed and shown, never added, changed or
    deleted in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SafeAdminMixin(SafeAutocompleteMixin):
    """For every ModelAdmin: safe autocompletes, and a bulk action refuses a selection that holds a bad id."""

    def response_action(self, request, queryset, *args, **kwargs):
        # Django would filter pk__in=["abc"] and fail; say so and run nothing instead.
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(is_valid_key(self.opts.pk, pk) for pk in selected):
            self.message_user(
                request, "The selection is not valid. No items have been changed.", messages.ERROR
            )
            return None
        return super().response_action(request, queryset, *args, **kwargs)
