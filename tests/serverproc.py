"""A roundsman-server process on loopback, for the tests and the benchmarks."""

import os
import socket
import subprocess
import sys
import time

from core.server.client import Connection


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    def __init__(self, db_url: str, folder, *, program: list[str] | None = None,
                 env: dict | None = None) -> None:
        """``program``: the server to run (default: this source tree's, by this Python);
        ``env``: its whole environment (default: this process's)."""
        self.db_url, self.folder = db_url, folder
        self.program = program or [sys.executable, "-m", "core.server.main"]
        self.env = env or os.environ
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [*self.program, "--db", self.db_url,
             "--listen", f"127.0.0.1:{self.port}", "--folder", str(self.folder)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**self.env, "PYTHONUNBUFFERED": "1"})
        seen = []
        while not (line := self.process.stdout.readline()).startswith("fingerprint SHA256 "):
            assert line, "".join(seen)  # it ended before printing its fingerprint
            seen.append(line)
        self.fingerprint = line.split()[-1]
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, self.process.stdout.read()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

    def connect(self, user: str | None = None, password: str | None = None) -> Connection:
        conn = Connection(self.url, fingerprint=self.fingerprint)
        if user:
            conn.login(user, password or f"{user}-pass-1")
        return conn

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
