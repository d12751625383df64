from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class EditorAdminSite(admin.AdminSite):
    site_header = "factcheck: editors' desk"
    site_title = "factcheck admin"
    index_title = "Newsroom"

    def has_permission(self, request):
        # Staff status alone is not enough: reviewers are refused even if someone made them staff.
        user = request.user
        return user.is_active and user.is_staff and user.has_perm("claims.change_claim")


class AdminConfig(DjangoAdminConfig):
    default_site = "factcheck.apps.EditorAdminSite"
