"""The two newsroom roles, as Django groups with their permissions."""

from django.contrib.auth.models import Group, Permission

REVIEWERS = "Reviewers"
EDITORS = "Editors"

VIEW = ["view_article", "view_claim", "view_source", "view_review", "view_chainlink"]
ROLE_PERMISSIONS = {
    REVIEWERS: [*VIEW, "add_review", "add_article", "add_claim", "view_suggestion"],
    EDITORS: [
        *VIEW,
        "add_review",
        "add_article", "change_article", "delete_article",
        "add_claim", "change_claim", "delete_claim",
        "add_source", "change_source", "delete_source",
        "add_chainlink", "change_chainlink", "delete_chainlink",
        "view_suggestion",
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
