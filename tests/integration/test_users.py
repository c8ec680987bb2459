"""User administration: only an administrator manages users and their roles."""

import pytest

from core.errors import (AccountLocked, AuthenticationFailed, PermissionDenied, StaleRecord,
                         ValidationError)
from core.services import audit, auth, users
from core.services.actor import SYSTEM


def test_an_administrator_creates_a_user_who_can_log_in(engine, admin):
    created = users.create_user(engine, admin, username="Mei.Lin", password="secret-pass",
                                roles=["clerk", "dispatcher"], full_name=" 林美 ")
    assert created.username == "mei.lin"
    assert created.full_name == "林美"
    assert created.roles == ("clerk", "dispatcher")
    assert created.active and created.failed_logins == 0 and created.version == 1
    actor = auth.login(engine, "mei.lin", "secret-pass")
    assert actor.roles == frozenset({"clerk", "dispatcher"})
    entry = audit.list_entries(engine, SYSTEM, entity="user", entity_id="mei.lin")[0]
    assert entry.action == "created" and entry.changes["roles"] == [None, ["clerk", "dispatcher"]]


def test_a_taken_user_name_is_refused_whatever_its_case(engine, seeded, admin):
    with pytest.raises(ValidationError) as exc:
        users.create_user(engine, admin, username="CLERK", password="another-pass",
                          roles=["clerk"])
    assert "username" in exc.value.field_errors
    assert [u.username for u in users.list_users(engine)].count("clerk") == 1


@pytest.mark.parametrize("roles", [[], ["cashier"], ["clerk", "boss"]])
def test_a_user_needs_known_roles(engine, admin, roles):
    with pytest.raises(ValidationError) as exc:
        users.create_user(engine, admin, username="mei", password="secret-pass", roles=roles)
    assert list(exc.value.field_errors) == ["roles"]
    assert users.list_users(engine) == []


def test_every_bad_field_of_a_new_user_is_reported_at_once(engine, admin):
    with pytest.raises(ValidationError) as exc:
        users.create_user(engine, admin, username="x", password="short", roles=[])
    assert set(exc.value.field_errors) == {"username", "password", "roles"}


@pytest.mark.parametrize("role", ["clerk", "manager", "dispatcher"])
def test_only_an_administrator_may_create_users(engine, seeded, role):
    with pytest.raises(PermissionDenied):
        users.create_user(engine, seeded[role].actor, username="mei", password="secret-pass",
                          roles=["admin"])
    assert "mei" not in [u.username for u in users.list_users(engine)]


def test_a_seeded_administrator_user_may_create_users(engine, seeded):
    users.create_user(engine, seeded["admin"].actor, username="mei", password="secret-pass",
                      roles=["clerk"])
    assert auth.login(engine, "mei", "secret-pass").roles == frozenset({"clerk"})


def test_changing_roles_takes_effect_at_the_next_log_in(engine, seeded, admin):
    clerk = seeded["clerk"]
    updated = users.update_user(engine, admin, user_id=clerk.id, version=1,
                                roles=["clerk", "manager"], full_name="Clerk", active=True)
    assert updated.roles == ("clerk", "manager")
    assert updated.version == 2
    assert auth.login(engine, "clerk", "clerk-pass-1").roles == frozenset({"clerk", "manager"})


def test_an_edit_of_a_user_from_an_old_version_is_refused(engine, seeded, admin):
    clerk = seeded["clerk"]
    users.update_user(engine, admin, user_id=clerk.id, version=1, roles=["clerk"],
                      full_name="First edit", active=True)
    with pytest.raises(StaleRecord):
        users.update_user(engine, admin, user_id=clerk.id, version=1, roles=["admin"],
                          full_name="Second edit", active=True)
    (row,) = [u for u in users.list_users(engine) if u.id == clerk.id]
    assert row.full_name == "First edit" and row.roles == ("clerk",)


def test_an_administrator_cannot_remove_their_own_administrator_role(engine, seeded):
    me = seeded["admin"]
    with pytest.raises(ValidationError):
        users.update_user(engine, me.actor, user_id=me.id, version=1, roles=["clerk"],
                          full_name="Admin", active=True)
    assert auth.login(engine, "admin", "admin-pass-1").roles == frozenset({"admin"})


def test_a_deactivated_user_cannot_log_in_and_gets_the_usual_message(engine, seeded, admin):
    users.update_user(engine, admin, user_id=seeded["clerk"].id, version=1, roles=["clerk"],
                      full_name="Clerk", active=False)
    with pytest.raises(AuthenticationFailed) as exc:
        auth.login(engine, "clerk", "clerk-pass-1")
    assert str(exc.value) == str(AuthenticationFailed())


def test_a_password_reset_unlocks_a_locked_account(engine, seeded, admin):
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed):
            auth.login(engine, "clerk", "wrong-password")
    with pytest.raises(AccountLocked):
        auth.login(engine, "clerk", "clerk-pass-1")

    users.reset_password(engine, admin, user_id=seeded["clerk"].id, new_password="fresh-pass-9")

    (row,) = [u for u in users.list_users(engine) if u.username == "clerk"]
    assert row.locked_until is None and row.failed_logins == 0
    assert auth.login(engine, "clerk", "fresh-pass-9").username == "clerk"
    with pytest.raises(AuthenticationFailed):
        auth.login(engine, "clerk", "clerk-pass-1")
    assert audit.list_entries(engine, SYSTEM, entity="user", entity_id="clerk")[0].action == \
        "password_reset"


def test_only_an_administrator_may_reset_a_password(engine, seeded):
    with pytest.raises(PermissionDenied):
        users.reset_password(engine, seeded["manager"].actor, user_id=seeded["clerk"].id,
                             new_password="fresh-pass-9")
    assert auth.login(engine, "clerk", "clerk-pass-1").username == "clerk"
