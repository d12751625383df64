"""The two newsroom roles, as Django groups with their permissions, and the accounts an editor reaches."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import connections
from django.db.models import Q, QuerySet

REVIEWERS = "Reviewers"
EDITORS = "Editors"

VIEW = ["view_article", "view_claim", "view_source", "view_review", "view_chainlink", "view_claimlink"]
ROLE_PERMISSIONS = {
    REVIEWERS: [*VIEW, "add_review", "add_article", "add_claim", "view_suggestion"],
    EDITORS: [
        *VIEW,
        "add_review",
        "add_article", "change_article", "delete_article",
        "add_claim", "change_claim", "delete_claim", "publish_claim",
        "add_source", "change_source", "delete_source",
        "add_chainlink", "change_chainlink", "delete_chainlink",
        "view_suggestion",
        "view_dashboard",
        # Newsroom accounts: add and change (deactivate) users, within the two roles (see NewsroomUserAdmin).
        "add_user",
        "change_user",
        "view_user",
        # Unlocking a reviewer locked out by too many failed logins (django-axes).
        "view_accessattempt",
        "delete_accessattempt",
    ],
}  # fmt: skip


def ensure_roles(**kwargs) -> None:
    """Create or update the Reviewers and Editors groups; safe to run after every migrate."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label__in=["claims", "auth", "axes"], codename__in=codenames
        )
        group.permissions.set(perms)


# An account's own permissions and its roles', by two index lookups rather than a join of every account's
# groups. Written out, as every page runs it: the ORM took longer to build it than the database to run it.
PERMISSIONS = """
SELECT ct.app_label, p.codename FROM auth_permission p
JOIN django_content_type ct ON ct.id = p.content_type_id
WHERE %(superuser)s OR p.id IN (
    SELECT permission_id FROM auth_user_user_permissions WHERE user_id = %(user)s
    UNION
    SELECT gp.permission_id FROM auth_group_permissions gp
    JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = %(user)s
)
"""


class RoleBackend(ModelBackend):
    """Django's, but an account's own permissions and its roles' are read in one query, not two: every
    page checks one, so every page paid for both."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            with connections[Permission.objects.all().db].cursor() as cursor:
                cursor.execute(PERMISSIONS, {"superuser": user_obj.is_superuser, "user": user_obj.pk})
                user_obj._perm_cache = {f"{app}.{codename}" for app, codename in cursor.fetchall()}
        return user_obj._perm_cache


def visible_accounts(users: QuerySet, *, viewer: AbstractUser) -> QuerySet:
    """Narrow `users` to those the viewer sees in the admin: all for a superuser, else plain accounts."""
    if viewer.is_superuser:
        return users
    # Nobody with rights beyond the two roles is within an editor's reach.
    other_groups = Group.objects.exclude(name__in=[REVIEWERS, EDITORS])
    return (
        users.filter(is_superuser=False)
        .exclude(user_permissions__isnull=False)
        .exclude(groups__in=other_groups)
        .distinct()
    )


def accounts_within_reach(users: QuerySet, *, viewer: AbstractUser) -> QuerySet:
    """Narrow `users` to those the viewer may change or unlock: the visible ones but other editors'."""
    if viewer.is_superuser:
        return users
    # Another editor's account (password included) is a superuser's to change, not a peer's.
    return visible_accounts(users, viewer=viewer).exclude(~Q(pk=viewer.pk), groups__name=EDITORS)
