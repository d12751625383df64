from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "factcheck.claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from factcheck.accounts.roles import ensure_roles
        from factcheck.claims import folding  # noqa: F401 - registers the search's SQLite function

        # Runs after Django has created the permissions, so the roles' groups (factcheck.accounts) exist
        # after every `migrate`.
        post_migrate.connect(ensure_roles, sender=self)
