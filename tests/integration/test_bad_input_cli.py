"""roundsman-admin given bad arguments: a database URL that is none, a file that is no
database, a database that is not there, an output folder that cannot be made, a number of
processes below one.  Each ends with one clear line on stderr and exit 2; nothing is
written, and no traceback."""

from __future__ import annotations

import pytest

from core import cli


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exc:  # argparse refuses before any command runs
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("url, says", [
    ("foo://bar", "SQLite and PostgreSQL databases, not “foo”"),
    ("not-a-url", "not a database URL"),
    ("postgresql://mei:s3cret@localhost:notaport/roundsman", "not a database URL"),
])
def test_a_url_that_is_no_database_url_is_refused_in_one_line(capsys, url, says):
    code, out, err = run(capsys, "--db", url, "db", "current")
    assert (code, out) == (2, "")
    assert says in one_line(err) and "s3cret" not in err


def test_an_unreachable_postgresql_server_is_one_line_without_the_password(capsys):
    code, out, err = run(capsys, "--db", "postgresql://mei:s3cret@127.0.0.1:1/roundsman",
                         "db", "check")
    assert (code, out) == (2, "")
    assert "cannot use the database" in one_line(err) and "s3cret" not in err


@pytest.mark.parametrize("command", [("db", "current"), ("db", "check"), ("db", "upgrade"),
                                     ("customer", "show", "C1")])
def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_was(tmp_path, capsys, command):
    readme = tmp_path / "README.md"
    readme.write_text("# Roundsman\n\nNot a database.\n" * 20, encoding="utf-8")
    before = readme.read_bytes()
    code, out, err = run(capsys, "--db", f"sqlite:///{readme}", *command)
    assert (code, out) == (2, "")
    assert "file is not a database" in one_line(err)
    assert readme.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["README.md"]


@pytest.mark.parametrize("command", [("db", "current"), ("db", "check"),
                                     ("customer", "show", "C1"),
                                     ("billing", "run", "--period", "2026-01")])
def test_a_missing_default_database_is_not_made_by_a_command_that_reads(
        tmp_path, monkeypatch, capsys, command):
    monkeypatch.setenv("ROUNDSMAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ROUNDSMAN_CONFIG_DIR", str(tmp_path / "config"))
    code, out, err = run(capsys, *command)
    assert (code, out) == (2, "")
    assert "There is no database at" in one_line(err) and "db upgrade" in err
    assert not (tmp_path / "data" / "roundsman.sqlite3").exists()


def test_a_missing_database_named_by_db_is_not_made_either(tmp_path, capsys):
    code, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'typo.sqlite3'}", "db", "current")
    assert code == 2 and "There is no database at" in one_line(err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("processes", ["0", "-1", "two"])
def test_fewer_than_one_process_is_refused_before_anything_is_written(
        db_url, tmp_path, capsys, processes):
    out_dir = tmp_path / "pdfs"
    code, out, err = run(capsys, "--db", db_url, "invoices", "pdf", "--period", "2026-01",
                         "--out", str(out_dir), "--processes", processes)
    assert (code, out) == (2, "")
    assert "--processes" in one_line(err) and f"not “{processes}”" in err
    assert not out_dir.exists()


def test_an_out_folder_that_is_a_file_or_below_one_is_refused(db_url, tmp_path, capsys):
    work = tmp_path / "work"  # beside the test's SQLite file
    work.mkdir()
    a_file = work / "invoices.pdf"
    a_file.write_bytes(b"%PDF-1.4 not a folder")
    for out_dir, says in ((a_file, "is a file, not a folder"),
                          (a_file / "2026-01", "cannot be made")):
        code, out, err = run(capsys, "--db", db_url, "invoices", "pdf", "--period", "2026-01",
                             "--out", str(out_dir))
        assert (code, out) == (2, "")
        assert "--out" in one_line(err) and says in err
    assert a_file.read_bytes() == b"%PDF-1.4 not a folder"
    assert [p.name for p in work.iterdir()] == ["invoices.pdf"]
