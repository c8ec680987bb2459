"""The log file: every record of the process in it, rolled over at its size cap with a few
older files kept, and never a password or token, not even inside a traceback."""

from __future__ import annotations

import logging

import pytest

from core import logs

SECRET = "s3cret-pw"
TOKEN = "tok-9f8e7d6c5b4a"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """``core.logs.setup`` into a temporary folder; its handler removed afterwards (setup
    adds it to the root logger)."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(logs, "_current", None)
    path = tmp_path / "logs" / "roundsman.log"

    def set_up():
        return logs.setup(path)

    yield set_up
    for handler in [h for h in root.handlers if h not in before]:
        handler.close()
        root.removeHandler(handler)
    root.setLevel(level)


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_setup_writes_every_record_to_the_file(log_file):
    path = log_file()
    assert logs.current() == path and path.parent.is_dir()
    logging.getLogger("roundsman.test").info("a delivery confirmed for %s", "C001")
    logging.getLogger("core.something").warning("a warning from elsewhere")
    flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO" in text and "roundsman.test: a delivery confirmed for C001" in text
    assert "WARNING" in text and "core.something: a warning from elsewhere" in text


def test_the_log_rolls_over_and_keeps_at_most_its_backups(log_file, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 20_000)  # read by setup: four files of 20 kB
    path = log_file()
    log = logging.getLogger("roundsman.test")
    line = "x" * 200
    for n in range(2_500):  # about 550 kB, many times the cap
        log.info("record %06d %s", n, line)
    flush()
    files = sorted(path.parent.iterdir())
    assert len(files) == logs.BACKUPS + 1
    assert {f.name for f in files} == {"roundsman.log"} | {
        f"roundsman.log.{i}" for i in range(1, logs.BACKUPS + 1)}
    for file in files:
        assert file.stat().st_size <= logs.MAX_BYTES + 1000  # one record over at most
    assert "record 002499" in path.read_text(encoding="utf-8")  # the newest in the current
    assert "record 000000" not in "".join(f.read_text(encoding="utf-8") for f in files)


def test_the_default_cap_keeps_the_log_under_four_megabytes(log_file):
    path = log_file()
    log = logging.getLogger("roundsman.test")
    line = "y" * 2000
    for n in range(2_600):  # about 5 MB
        log.info("record %06d %s", n, line)
    flush()
    files = list(path.parent.iterdir())
    assert len(files) == logs.BACKUPS + 1
    assert all(f.stat().st_size <= logs.MAX_BYTES + 1000 for f in files)
    assert sum(f.stat().st_size for f in files) <= 4 * logs.MAX_BYTES + 4000


SECRETS = {
    "a database URL": f"connecting to postgresql://mei:{SECRET}@db.example:5432/roundsman",
    "password=": f"connection string host=db user=mei password={SECRET} sslmode=off",
    "JSON password": f'request body {{"username": "mei", "password": "{SECRET}"}}',
    "JSON token": f'answer {{"token": "{TOKEN}", "role": "clerk"}}',
    "Authorization header": f"headers: authorization: Bearer {TOKEN}",
    "a bare bearer": f"sent Bearer {TOKEN} to the server",
}


@pytest.mark.parametrize("case", list(SECRETS))
def test_no_password_or_token_reaches_the_file(log_file, case):
    path = log_file()
    log = logging.getLogger("roundsman.test")
    text = SECRETS[case]
    log.info(text)
    log.info("with an argument: %s", text)
    try:
        raise RuntimeError(text)
    except RuntimeError:
        log.exception("failed")
    try:
        try:
            raise ValueError(text)
        except ValueError as exc:
            raise RuntimeError("while retrying") from exc
    except RuntimeError:
        log.exception("failed again")
    flush()
    logged = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "failed again" in logged
    assert SECRET not in logged and TOKEN not in logged
    assert "***" in logged
    assert SECRET not in logs.tail(200) and TOKEN not in logs.tail(200)


def test_redact_keeps_what_is_not_a_secret():
    assert logs.redact("customer C001 ordered 3 bottles") == "customer C001 ordered 3 bottles"
    url = logs.redact(f"postgresql://mei:{SECRET}@db.example:5432/roundsman")
    assert url == "postgresql://mei:***@db.example:5432/roundsman"
    assert logs.redact(f'{{"password": "{SECRET}"}}') == '{"password": "***"}'
    assert logs.redact(f"Authorization: Bearer {TOKEN}") == "Authorization: Bearer ***"


def test_tail_gives_the_last_lines(log_file):
    assert logs.tail() == ""  # before setup: no file
    log_file()
    log = logging.getLogger("roundsman.test")
    for n in range(100):
        log.info("line %03d", n)
    flush()
    last = logs.tail(5).splitlines()
    assert len(last) == 5
    assert [line.rsplit(" ", 1)[-1] for line in last] == ["095", "096", "097", "098", "099"]
    assert "line 099" in logs.tail()
    assert "line 059" not in logs.tail(40) and "line 060" in logs.tail(40)


def test_tail_redacts_an_older_file_again(tmp_path):
    old = tmp_path / "old.log"
    old.write_text(f"2024-01-01 INFO password={SECRET}\n", encoding="utf-8")
    assert SECRET not in logs.tail(10, old) and "password=***" in logs.tail(10, old)
    assert logs.tail(10, tmp_path / "missing.log") == ""
