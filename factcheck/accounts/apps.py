from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The newsroom's accounts: the two roles, the login form, the accounts' admin, the client's address.
    It has no models (the accounts are Django's users and groups), so Django sends it no post_migrate: the
    claims app, whose permissions the roles grant, makes the roles after each migrate."""

    name = "factcheck.accounts"
