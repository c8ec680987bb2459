"""The lockout holds when many wrong guesses arrive at once, from many processes, on SQLite
and PostgreSQL: no more than ``MAX_FAILURES`` passwords are ever checked."""

from __future__ import annotations

import multiprocessing
import traceback

import pytest

from core.db import make_engine
from core.errors import AccountLocked, AuthenticationFailed
from core.services import auth

GUESSERS = 16


def guess(url: str, username: str, password: str, barrier, results) -> None:
    """One guess, made when every guesser is ready; reports whether it was checked
    (a wrong password) or refused unchecked (locked)."""
    engine = make_engine(url)
    try:
        with engine.connect():  # connected before the start: the guesses meet in the database
            pass
        barrier.wait(120)
        try:
            auth.login(engine, username, password)
        except AuthenticationFailed:
            results.put("checked")
        except AccountLocked:
            results.put("locked")
        else:
            results.put("let in")
    except Exception:  # noqa: BLE001 - the test shows it
        results.put(traceback.format_exc(limit=5))
    finally:
        engine.dispose()


def test_sixteen_parallel_wrong_guesses_check_at_most_five_and_then_the_account_is_locked(
        engine, db_url, seeded):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(GUESSERS)
    results = ctx.Queue()
    workers = [ctx.Process(target=guess, args=(db_url, "clerk", f"wrong-guess-{n}", barrier,
                                               results)) for n in range(GUESSERS)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(30)
    assert sorted(set(outcomes)) == ["checked", "locked"], outcomes
    assert outcomes.count("checked") == auth.MAX_FAILURES
    with pytest.raises(AccountLocked):
        auth.login(engine, "clerk", seeded["clerk"].password)
