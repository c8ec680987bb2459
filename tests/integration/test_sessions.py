"""Office-server sessions: a token stands for a live log-in and nothing else."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from core.db import unit_of_work
from core.errors import AuthenticationFailed, SessionEnded
from core.models import UserSession
from core.models.base import recorded_at
from core.services import auth, sessions, settings, users


def test_a_token_gives_the_users_actor_and_only_its_hash_is_stored(engine, seeded):
    token, actor = sessions.open_session(engine, "clerk", "clerk-pass-1", client="desk-3")
    assert actor.username == "clerk" and actor.roles == {"clerk"}
    assert sessions.actor_for(engine, token) == actor
    with unit_of_work(engine, write=False) as s:
        stored = s.execute(select(UserSession.token_hash, UserSession.client)).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.client == "desk-3"


@pytest.mark.parametrize("token", ["", "forged", "x" * 43, "clerk", "%00"])
def test_a_forged_token_is_refused(engine, seeded, token):
    sessions.open_session(engine, "clerk", "clerk-pass-1")
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, token)


def test_a_wrong_password_opens_no_session(engine, seeded):
    with pytest.raises(AuthenticationFailed):
        sessions.open_session(engine, "clerk", "wrong")
    with unit_of_work(engine, write=False) as s:
        assert s.scalars(select(UserSession)).all() == []


def test_a_session_unused_for_the_idle_time_ends(engine, seeded):
    settings.update_company(engine, seeded["admin"].actor, session_idle_minutes="30")
    token, _ = sessions.open_session(engine, "clerk", "clerk-pass-1")
    with unit_of_work(engine) as s:
        s.execute(update(UserSession).values(
            last_seen_at=datetime.now(timezone.utc) - timedelta(minutes=29)))
    sessions.actor_for(engine, token)  # used in time: it lives on, from now
    later = datetime.now(timezone.utc) + timedelta(minutes=31)
    with recorded_at(later), pytest.raises(SessionEnded):
        sessions.actor_for(engine, token)


def test_logout_password_role_and_deactivation_end_sessions(engine, seeded):
    admin = seeded["admin"].actor
    logged_out, _ = sessions.open_session(engine, "clerk", "clerk-pass-1")
    sessions.close_session(engine, logged_out)
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, logged_out)

    own, actor = sessions.open_session(engine, "clerk", "clerk-pass-1")
    auth.change_password(engine, actor, old_password="clerk-pass-1", new_password="clerk-pass-2")
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, own)

    reset, _ = sessions.open_session(engine, "clerk", "clerk-pass-2")
    users.reset_password(engine, admin, user_id=seeded["clerk"].id, new_password="clerk-pass-3")
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, reset)

    promoted, _ = sessions.open_session(engine, "dispatcher", "dispatcher-pass-1")
    other, _ = sessions.open_session(engine, "manager", "manager-pass-1")
    view = next(u for u in users.list_users(engine) if u.username == "dispatcher")
    users.update_user(engine, admin, user_id=view.id, version=view.version,
                      roles=["dispatcher", "clerk"], full_name=view.full_name, active=True)
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, promoted)
    assert sessions.actor_for(engine, other).username == "manager"  # others live on

    again, _ = sessions.open_session(engine, "dispatcher", "dispatcher-pass-1")
    view = next(u for u in users.list_users(engine) if u.username == "dispatcher")
    users.update_user(engine, admin, user_id=view.id, version=view.version,
                      roles=list(view.roles), full_name=view.full_name, active=False)
    with pytest.raises(SessionEnded):
        sessions.actor_for(engine, again)
