"""Editors run the newsroom's accounts: they add reviewers and editors, and grant nothing beyond the roles."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from factcheck.accounts.roles import EDITORS, REVIEWERS
from tests.factories import PASSWORD, make_user


def change_user(client, user, **fields):
    data = {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-11-25",
        "date_joined_1": "08:00:00",
        **fields,
    }
    return client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


def add_user(client, username, **fields):
    data = {"username": username, "usable_password": "true", "password1": "Tide-tables-2026"}
    return client.post(reverse("admin:auth_user_add"), {**data, "password2": data["password1"], **fields})


def test_editor_adds_a_reviewer_account_with_its_role_on_the_first_page(editor_client, django_user_model):
    assert 'name="role"' in editor_client.get(reverse("admin:auth_user_add")).content.decode()
    r = add_user(editor_client, "rita", role=REVIEWERS)
    assert r.status_code == 302
    rita = django_user_model.objects.get(username="rita")
    assert list(rita.groups.values_list("name", flat=True)) == [REVIEWERS]
    assert rita.has_perm("claims.add_review") and not rita.is_superuser and not rita.is_staff


def test_an_editor_account_gets_admin_access_with_its_role(editor_client, django_user_model):
    assert add_user(editor_client, "ed2", role=EDITORS).status_code == 302
    ed2 = django_user_model.objects.get(username="ed2")
    assert (list(ed2.groups.values_list("name", flat=True)), ed2.is_staff) == ([EDITORS], True)


def test_a_new_account_needs_a_role(editor_client, django_user_model):
    r = add_user(editor_client, "nobody")
    assert r.status_code == 200 and "This field is required" in r.content.decode()
    assert not django_user_model.objects.filter(username="nobody").exists()


def test_editor_sees_no_superuser_switch_and_cannot_set_it(editor_client, reviewer):
    page = editor_client.get(reverse("admin:auth_user_change", args=[reviewer.pk])).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    r = change_user(editor_client, reviewer, is_superuser="on", is_staff="on")
    assert r.status_code == 302
    reviewer.refresh_from_db()
    assert not reviewer.is_superuser


def test_editor_cannot_hand_out_other_groups_or_permissions(editor_client, reviewer):
    secret = Group.objects.create(name="Owners")
    secret.permissions.add(Permission.objects.get(codename="delete_user"))
    r = change_user(editor_client, reviewer, groups=[secret.pk])
    assert r.status_code == 200
    assert "Select a valid choice" in r.content.decode()
    assert not reviewer.groups.filter(name="Owners").exists()


def test_editor_cannot_see_or_change_a_superuser(editor_client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="a-long-test-password")
    assert editor_client.get(reverse("admin:auth_user_change", args=[boss.pk])).status_code == 302
    assert "boss" not in editor_client.get(reverse("admin:auth_user_changelist")).content.decode()
    change_user(editor_client, boss, is_active="")
    boss.refresh_from_db()
    assert boss.is_active


def test_editor_deactivates_a_reviewer_who_leaves(editor_client, reviewer):
    data = {"groups": [Group.objects.get(name=REVIEWERS).pk]}
    r = editor_client.post(
        reverse("admin:auth_user_change", args=[reviewer.pk]),
        {"username": reviewer.username, "date_joined_0": "2026-11-25", "date_joined_1": "08:00:00", **data},
    )
    assert r.status_code == 302
    reviewer.refresh_from_db()
    assert not reviewer.is_active


def test_superuser_still_sees_every_switch(client, django_user_model, reviewer):
    client.force_login(django_user_model.objects.create_superuser("sam", password="a-long-test-password"))
    page = client.get(reverse("admin:auth_user_change", args=[reviewer.pk])).content.decode()
    assert 'name="is_superuser"' in page and 'name="user_permissions"' in page


def test_editor_cannot_reach_accounts_with_more_than_a_role(editor_client, reviewer, django_user_model):
    owners = Group.objects.create(name="Owners")
    reviewer.groups.add(owners)
    powerful = make_user("pat", is_staff=True)
    powerful.user_permissions.add(Permission.objects.get(codename="delete_user"))
    for user in (reviewer, powerful):
        password_page = reverse("admin:auth_user_password_change", args=[user.pk])
        r = editor_client.post(
            password_page, {"password1": "Fresh-tides-2026", "password2": "Fresh-tides-2026"}
        )
        assert r.status_code in {302, 403, 404}
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
    assert set(reviewer.groups.values_list("name", flat=True)) == {REVIEWERS, "Owners"}


def test_editor_cannot_change_another_editors_account(editor_client, django_user_model):
    peer = make_user("ed", EDITORS, is_staff=True)
    password_page = reverse("admin:auth_user_password_change", args=[peer.pk])
    r = editor_client.post(password_page, {"password1": "Fresh-tides-2026", "password2": "Fresh-tides-2026"})
    assert r.status_code == 403
    peer.refresh_from_db()
    assert peer.check_password("a-long-test-password")
