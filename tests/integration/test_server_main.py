"""roundsman-server's main: arguments from an @file, serve() stopped from another thread
(as the Windows service stops it), the log file it writes, and --service off Windows."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core import logs
from core.api import registry
from core.db import describe
from core.server import main as server_main
from core.server.client import Connection
from core.version import VERSION
from tests.serverproc import free_port

SECRET = "hunter2-not-for-logs"


@pytest.fixture
def root_logging():
    """Leave the root logger as the test found it (serve's logging adds a file handler)."""
    root = logging.getLogger()
    handlers, level, current = list(root.handlers), root.level, logs._current
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logs._current = current


def write_args(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_an_args_file_gives_the_same_arguments_as_the_command_line(tmp_path):
    folder = tmp_path / "Roundsman" / "server"
    command_line = ["--db", "sqlite:///C:/ProgramData/Roundsman/roundsman.sqlite3",
                    "--listen", "0.0.0.0:8443", "--folder", str(folder),
                    "--key", str(tmp_path / "Roundsman" / "ledger.key"),
                    "--log", str(folder / "roundsman-server.log"), "--threads", "8"]
    args_file = write_args(tmp_path / "server.args", [
        "# written by the server installer",
        "--db=sqlite:///C:/ProgramData/Roundsman/roundsman.sqlite3",
        "--listen=0.0.0.0:8443",
        "",
        f"--folder={folder}",
        f"  --key={tmp_path / 'Roundsman' / 'ledger.key'}  ",
        f"--log={folder / 'roundsman-server.log'}",
        "--threads", "8"])
    from_file = server_main.parse_args([f"@{args_file}"])
    assert from_file == server_main.parse_args(command_line)
    assert from_file.listen == ("0.0.0.0", 8443) and from_file.threads == 8
    # as Notepad may save it: UTF-8 with a byte order mark, Windows' line ends
    bom = tmp_path / "bom.args"
    without_comment = args_file.read_text(encoding="utf-8").split("\n", 1)[1]
    bom.write_bytes(without_comment.replace("\n", "\r\n").encode("utf-8-sig"))
    assert server_main.parse_args([f"@{bom}"]) == from_file
    # the service's command line: --service before the file, arguments after it win
    service = server_main.parse_args(["--service", f"@{args_file}", "--threads", "4"])
    assert service.service and service.threads == 4 and service.db == from_file.db


def test_the_log_file_defaults_to_the_servers_folder(tmp_path):
    folder = tmp_path / "server"
    args = server_main.parse_args(["--db", "sqlite://", "--folder", str(folder)])
    assert server_main.log_file(args) == folder / "roundsman-server.log"
    args = server_main.parse_args(["--db", "sqlite://", "--folder", str(folder),
                                   "--log", str(tmp_path / "elsewhere.log")])
    assert server_main.log_file(args) == tmp_path / "elsewhere.log"


def test_serve_answers_then_stops_gracefully_when_the_event_is_set(
        sqlite_url, sqlite_seeded, tmp_path, root_logging):
    port = free_port()
    folder = tmp_path / "server"
    log_path = tmp_path / "logs" / "server.log"
    args_file = write_args(tmp_path / "server.args", [
        f"--db={sqlite_url}", f"--listen=127.0.0.1:{port}", f"--folder={folder}",
        f"--log={log_path}"])
    args = server_main.parse_args([f"@{args_file}"])
    assert server_main.setup_logging(args) == log_path
    stop = threading.Event()
    status: list[int] = []
    thread = threading.Thread(target=lambda: status.append(server_main.serve(args, stop)),
                              name="test-serve")
    thread.start()
    try:
        fingerprint = wait_for_fingerprint(log_path, port, thread)
        connection = Connection(f"https://127.0.0.1:{port}", fingerprint=fingerprint)
        clerk = connection.login("clerk", sqlite_seeded["clerk"].password)
        assert clerk.roles == {"clerk"}
        assert connection.call("customers.search", query="nobody") == []
        logging.getLogger("roundsman.test").info(
            "connecting to postgresql://app:%s@db/roundsman with password=%s", SECRET, SECRET)
        connection.logout()
        connection.close()
    finally:
        stop.set()
        began = time.monotonic()
        thread.join(timeout=15)
    assert not thread.is_alive(), "serve() did not return after the stop event"
    assert status == [0] and time.monotonic() - began < 8
    with pytest.raises(OSError):  # it no longer listens
        socket.create_connection(("127.0.0.1", port), timeout=1).close()

    text = log_path.read_text(encoding="utf-8")
    assert f"roundsman-server {VERSION} (API {registry.API_VERSION})" in text
    assert f"fingerprint SHA256 {fingerprint}" in text
    assert f"serving {describe(sqlite_url)}" in text and "stopping" in text and "stopped" in text
    assert SECRET not in text and "password=***" in text
    assert sqlite_seeded["clerk"].password not in text


def test_serve_returns_non_zero_when_the_port_is_taken(sqlite_url, tmp_path, root_logging):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = server_main.parse_args(["--db", sqlite_url, "--listen", f"127.0.0.1:{port}",
                                       "--folder", str(tmp_path / "server")])
        server_main.setup_logging(args)
        done: list[int] = []
        thread = threading.Thread(target=lambda: done.append(server_main.serve(
            args, threading.Event())))
        thread.start()
        thread.join(timeout=30)
    assert not thread.is_alive() and done and done[0] != 0  # not a SystemExit in a thread
    text = (tmp_path / "server" / "roundsman-server.log").read_text(encoding="utf-8")
    assert "the server stopped (exit status" in text


def test_the_command_line_server_reads_an_args_file_and_logs(sqlite_url, tmp_path):
    port = free_port()
    log_path = tmp_path / "server" / "roundsman-server.log"  # the default: in --folder
    args_file = write_args(tmp_path / "server.args", [
        f"--db={sqlite_url}", f"--listen=127.0.0.1:{port}", f"--folder={tmp_path / 'server'}"])
    process = subprocess.Popen([sys.executable, "-m", "core.server.main", f"@{args_file}"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert line.startswith("fingerprint SHA256 "), line + process.stderr.read()
        fingerprint = line.split()[-1]
        assert process.stdout.readline() == (
            f"serving {describe(sqlite_url)} on https://127.0.0.1:{port}\n")
        assert f"fingerprint SHA256 {fingerprint}" in log_path.read_text(encoding="utf-8")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert f"roundsman-server {VERSION}" in err  # the console has the log's lines too
    assert "fingerprint SHA256" not in err  # but not those printed on stdout already


def test_service_is_for_windows_only():
    done = subprocess.run([sys.executable, "-m", "core.server.main", "--service",
                           "@C:\\ProgramData\\Roundsman\\server.args"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Windows" in done.stderr
    assert done.stdout == ""


def wait_for_fingerprint(log_path: Path, port: int, thread: threading.Thread) -> str:
    """The fingerprint serve() logged, once its port takes connections."""
    deadline = time.monotonic() + 30
    fingerprint = None
    while True:
        assert thread.is_alive(), "serve() ended"
        assert time.monotonic() < deadline, "the server did not start"
        if fingerprint is None and log_path.exists():
            for line in log_path.read_text(encoding="utf-8").splitlines():
                if "fingerprint SHA256 " in line:
                    fingerprint = line.split()[-1]
        if fingerprint:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return fingerprint
            except OSError:
                pass
        time.sleep(0.05)
