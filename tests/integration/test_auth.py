"""Log-in, lockout and passwords: checked in the database, shared by every workstation."""

import pytest
from sqlalchemy import select

from core.db import make_engine, unit_of_work
from core.errors import AccountLocked, AuthenticationFailed, ValidationError
from core.models import User
from core.services import audit, auth
from core.services.actor import SYSTEM
from core.services.users import list_users


def failed_logins(engine, username: str) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(User.failed_logins).where(User.username == username))


def test_a_good_log_in_returns_the_user_with_their_roles(engine, seeded):
    actor = auth.login(engine, "manager", "manager-pass-1")
    assert actor.username == "manager"
    assert actor.user_id == seeded["manager"].id
    assert actor.roles == frozenset({"manager"})
    assert actor.can("clerk") and not actor.can("admin")


def test_the_user_name_is_read_without_regard_to_case_or_spaces(engine, seeded):
    assert auth.login(engine, "  Clerk ", "clerk-pass-1").username == "clerk"


def test_an_unknown_user_and_a_wrong_password_get_the_same_message(engine, seeded):
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login(engine, "nobody-here", "clerk-pass-1")
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.login(engine, "clerk", "clerk-pass-2")
    assert type(unknown.value) is type(wrong.value)
    assert str(unknown.value) == str(wrong.value)
    assert unknown.value.template == wrong.value.template
    assert unknown.value.params == wrong.value.params == {}


def test_a_user_name_with_a_nul_character_is_just_a_wrong_log_in(engine, seeded):
    with pytest.raises(AuthenticationFailed):
        auth.login(engine, "cl\x00erk", "clerk-pass-1")


def test_a_wrong_password_is_counted_in_the_database(engine, seeded):
    with pytest.raises(AuthenticationFailed):
        auth.login(engine, "clerk", "wrong-password")
    assert failed_logins(engine, "clerk") == 1


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(engine, seeded):
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed):
            auth.login(engine, "clerk", "wrong-password")
    with pytest.raises(AccountLocked) as exc:
        auth.login(engine, "clerk", "clerk-pass-1")
    assert exc.value.params["minutes"] == auth.LOCK_MINUTES
    assert str(auth.LOCK_MINUTES) in str(exc.value)
    # other users are not affected
    assert auth.login(engine, "manager", "manager-pass-1").username == "manager"


def test_the_lock_holds_on_another_workstation(engine, db_url, seeded):
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed):
            auth.login(engine, "clerk", "wrong-password")
    other = make_engine(db_url)  # a second workstation: its own engine and connections
    try:
        with pytest.raises(AccountLocked):
            auth.login(other, "clerk", "clerk-pass-1")
        locked = {u.username: u.locked_until for u in list_users(other)}
        assert locked["clerk"] is not None and locked["manager"] is None
    finally:
        other.dispose()


def test_failures_on_two_workstations_add_up_to_a_lock(engine, db_url, seeded):
    other = make_engine(db_url)
    try:
        for i in range(auth.MAX_FAILURES):
            with pytest.raises(AuthenticationFailed):
                auth.login(engine if i % 2 else other, "clerk", "wrong-password")
        with pytest.raises(AccountLocked):
            auth.login(engine, "clerk", "clerk-pass-1")
    finally:
        other.dispose()


def test_a_good_log_in_before_the_limit_clears_the_failure_count(engine, seeded):
    for _ in range(auth.MAX_FAILURES - 1):
        with pytest.raises(AuthenticationFailed):
            auth.login(engine, "clerk", "wrong-password")
    auth.login(engine, "clerk", "clerk-pass-1")
    assert failed_logins(engine, "clerk") == 0
    with pytest.raises(AuthenticationFailed):  # one more failure does not lock
        auth.login(engine, "clerk", "wrong-password")
    assert auth.login(engine, "clerk", "clerk-pass-1").username == "clerk"


def test_a_changed_password_replaces_the_old_one(engine, seeded):
    clerk = seeded["clerk"].actor
    auth.change_password(engine, clerk, old_password="clerk-pass-1",
                         new_password="a new secret 2")
    assert auth.login(engine, "clerk", "a new secret 2").user_id == clerk.user_id
    with pytest.raises(AuthenticationFailed):
        auth.login(engine, "clerk", "clerk-pass-1")
    entries = audit.list_entries(engine, SYSTEM, entity="user", entity_id="clerk")
    assert [e.action for e in entries][:1] == ["password_changed"]
    assert entries[0].actor == "clerk"


def test_a_password_change_needs_the_old_password(engine, seeded):
    clerk = seeded["clerk"].actor
    with pytest.raises(AuthenticationFailed):
        auth.change_password(engine, clerk, old_password="not-mine-1",
                             new_password="a new secret 2")
    assert failed_logins(engine, "clerk") == 1
    assert auth.login(engine, "clerk", "clerk-pass-1").username == "clerk"


def test_a_new_password_shorter_than_eight_characters_is_refused(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        auth.change_password(engine, seeded["clerk"].actor, old_password="clerk-pass-1",
                             new_password="short")
    assert "password" in exc.value.field_errors
    assert auth.login(engine, "clerk", "clerk-pass-1").username == "clerk"


def test_passwords_are_stored_as_argon2id_hashes(engine, seeded):
    with unit_of_work(engine, write=False) as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "clerk"))
    assert stored.startswith("$argon2id$")
    assert "clerk-pass-1" not in stored


def test_the_audit_log_is_read_by_managers_and_a_customers_history_by_clerks(engine, seeded):
    from core.errors import PermissionDenied

    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    auth.change_password(engine, clerk, old_password="clerk-pass-1",
                         new_password="a new secret 2")
    assert [e.action for e in audit.list_entries(engine, manager, entity="user")][:1] == \
        ["password_changed"]
    for role in ("clerk", "dispatcher"):
        with pytest.raises(PermissionDenied):
            audit.list_entries(engine, seeded[role].actor)
        with pytest.raises(PermissionDenied):
            audit.list_entries(engine, seeded[role].actor, entity="user", entity_id="clerk")
    assert audit.list_entries(engine, clerk, entity="customer", entity_id="C1") == []
    with pytest.raises(PermissionDenied):
        audit.list_entries(engine, seeded["dispatcher"].actor, entity="customer",
                           entity_id="C1")
