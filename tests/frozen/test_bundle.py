"""The frozen build, as a clerk's machine runs it.

``installer/build`` writes dist/roundsman/ (a test session builds it, or takes the one
named by ROUNDSMAN_BUNDLE); each test runs a copy of it in a folder outside the source
tree, with an environment that holds no Python: PATH names an empty folder, and nothing
such as PYTHONPATH or PYTHONHOME is set.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest

from core import schema
from core.api import registry
from core.errors import DomainError
from core.version import VERSION
from tests.integration.pdfs import unembedded_fonts
from tests.serverproc import Running

ROOT = Path(__file__).resolve().parents[2]
XVFB = Path("/usr/bin/Xvfb")
EXE = ".exe" if sys.platform == "win32" else ""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    built = os.environ.get("ROUNDSMAN_BUNDLE")
    if not built:
        subprocess.run([sys.executable, str(ROOT / "installer" / "build")], check=True,
                       cwd=ROOT)
        built = ROOT / "dist" / "roundsman"
    installed = tmp_path_factory.mktemp("programs") / "Roundsman"
    shutil.copytree(built, installed, symlinks=True)
    assert ROOT not in installed.parents
    return installed


@pytest.fixture
def clean_env(tmp_path) -> dict[str, str]:
    """No Python to be found: an empty PATH folder, the user's folders in tmp_path."""
    (tmp_path / "empty-path").mkdir()
    env = {"PATH": str(tmp_path / "empty-path"), "HOME": str(tmp_path / "home"),
           "LANG": "C.UTF-8", "TMPDIR": str(tmp_path),
           "ROUNDSMAN_DATA_DIR": str(tmp_path / "data"),
           "ROUNDSMAN_CONFIG_DIR": str(tmp_path / "config")}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run(bundle: Path, program: str, *args: str, env: dict, timeout: float = 300,
        check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(bundle / f"{program}{EXE}"), *args], env=env, cwd=env["HOME"]
                          if Path(env["HOME"]).is_dir() else None, capture_output=True,
                          text=True, timeout=timeout)
    if check:
        assert done.returncode == 0, f"{program} {args}: {done.stdout}\n{done.stderr}"
    return done


def test_the_programs_say_their_version(bundle, clean_env):
    for program in ("roundsman-admin", "roundsman-server"):
        assert run(bundle, program, "--version", env=clean_env).stdout.split()[:2] == [
            program, VERSION]


def test_the_frozen_admin_upgrades_fills_bills_and_prints_with_the_chinese_font(
        bundle, clean_env, tmp_path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    admin = lambda *args: run(bundle, "roundsman-admin", "--db", url, *args,  # noqa: E731
                              env=clean_env)
    assert "upgraded from empty to" in admin("db", "upgrade").stdout
    assert "demo company created: 20 customers" in admin(
        "demo", "--customers", "20", "--days", "20").stdout
    # The demo billed last month on this month's first working day; this month's
    # deliveries so far are billed now.
    month = date.today().strftime("%Y-%m")
    billed = json.loads(admin("billing", "run", "--period", month, "--before-month-end",
                              "--json").stdout)
    if date.today().day > 3:  # a month's first days may have no delivery yet
        assert billed["invoices"] >= 1
    printed = month if billed["invoices"] else (date.today().replace(day=1)
                                                - date.resolution).strftime("%Y-%m")
    written = json.loads(admin("invoices", "pdf", "--period", printed, "--out",
                               str(tmp_path / "pdf"), "--json").stdout)
    assert written["invoices"] >= 1
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == written["invoices"]
    pdf = pdfs[0].read_bytes()
    assert unembedded_fonts(pdf) == []
    fonts = {str(f.get_object()["/BaseFont"]) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("WenQuanYi" in name for name in fonts), fonts
    assert " checks, 0 failed" in admin("db", "check").stdout


@pytest.mark.postgresql
def test_the_frozen_admin_upgrades_a_new_postgresql_database(bundle, clean_env, pg_server):
    pg_server.create_database("frozen")
    done = run(bundle, "roundsman-admin", "--db", pg_server.url("frozen"), "db", "upgrade",
               env=clean_env)
    assert "upgraded from empty to" in done.stdout
    assert run(bundle, "roundsman-admin", "--db", pg_server.url("frozen"), "db", "current",
               env=clean_env).stdout.split()[0] == schema.head()


def test_the_frozen_desktop_passes_its_smoke_test(bundle, clean_env, tmp_path):
    env = dict(clean_env)
    with virtual_screen(tmp_path) as display:
        if display:
            env["DISPLAY"] = display  # the xcb platform plugin and its libraries
        done = run(bundle, "roundsman", "--smoke-test", env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for step in ("translations and font", "database", "log-in", "windows", "routes", "print"):
        assert any(line.startswith(f"ok {step}:") for line in lines), done.stdout
    assert lines[-1].startswith("smoke test passed")


def test_a_smoke_test_that_fails_says_why_and_exits_non_zero(bundle, clean_env, tmp_path):
    env = dict(clean_env, QT_QPA_PLATFORM="no-such-platform")  # Qt cannot start
    done = run(bundle, "roundsman", "--smoke-test", env=env, check=False, timeout=60)
    assert done.returncode != 0
    assert "no-such-platform" in done.stderr


def test_the_frozen_server_serves_and_refuses_a_workstation_of_another_version(
        bundle, clean_env, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    run(bundle, "roundsman-admin", "--db", url, "demo", "--customers", "5", "--days", "0",
        env=clean_env)
    server = Running(url, tmp_path / "server", program=[str(bundle / f"roundsman-server{EXE}")],
                     env=clean_env)
    try:
        connection = server.connect("admin", "admin-demo")
        assert connection.settings.get_company().currency
        connection.logout()
        monkeypatch.setattr(registry, "API_VERSION", "1.000000000000")
        with pytest.raises(DomainError) as refused:
            server.connect("admin", "admin-demo")
        assert f"Install Roundsman {VERSION}" in refused.value.message()
    finally:
        server.stop()


class virtual_screen:  # noqa: N801 - used as a context manager
    """An Xvfb display when Debian's xvfb is installed (CI installs it), else None: the
    smoke test then uses Qt's offscreen platform."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.process = None

    def __enter__(self) -> str | None:
        if not XVFB.exists():
            return None
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten",
             "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        return f":{number}"

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
