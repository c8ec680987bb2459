"""A throw-away PostgreSQL server for tests and benchmarks (no system service, no Docker).

``find_postgres_bin()`` finds ``initdb``/``pg_ctl`` (PATH, then Debian's newest
``/usr/lib/postgresql/*/bin``); ``PostgresServer(bindir).start()`` makes a cluster
in a temporary folder (RAM-backed when roomy) with fsync off and trust
authentication, listening on a free port of 127.0.0.1.  PostgreSQL refuses to
run as root: as root, the server's programs run as the ``postgres`` user (or
``nobody``) through ``runuser`` (or ``setpriv``).  ``stop()`` removes it all.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _version_key(path: str) -> tuple:
    m = re.search(r"/postgresql/([\d.]+)/", path)
    return tuple(int(x) for x in m.group(1).split(".") if x) if m else ()


def find_postgres_bin() -> Path | None:
    """The directory holding initdb and pg_ctl: PATH first, then Debian's newest version."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl", path=str(Path(initdb).parent)):
        return Path(initdb).parent
    candidates = [p for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")
                  if os.access(Path(p).parent / "pg_ctl", os.X_OK)]
    candidates.sort(key=_version_key, reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fast_tmp() -> str | None:
    """RAM-backed /dev/shm when it is roomy: CREATE DATABASE copies files and is ~15x
    faster there than on a disk.  Containers often give /dev/shm only 64 MB: then /tmp."""
    shm = "/dev/shm"
    try:
        if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) \
                and shutil.disk_usage(shm).free >= 1 << 30:
            return shm
    except OSError:
        pass
    return None


def _unprivileged_user() -> str:
    import pwd

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, but neither a 'postgres' nor a 'nobody' user exists")


class PostgresServer:
    """A throw-away PostgreSQL cluster: fsync off, trust auth, one port on 127.0.0.1."""

    user = "roundsman"

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="roundsman-pg-", dir=_fast_tmp()))
        self.data = self.dir / "data"
        self.sockets = self.dir / "sock"
        self.log = self.dir / "server.log"
        self.port = 0
        self.run_as: str | None = None
        self._admin = None
        self._started = False
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            import pwd

            self.run_as = _unprivileged_user()
            pw = pwd.getpwnam(self.run_as)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o755)  # the client (root) reaches the socket; the server owns it
        self.sockets.mkdir()
        self.log.touch()
        if self.run_as:
            for path in (self.sockets, self.log):
                os.chown(path, pw.pw_uid, pw.pw_gid)

    # running the server's programs as the unprivileged user
    def _cmd(self, program: str, *args: str) -> list[str]:
        cmd = [str(self.bindir / program), *args]
        if self.run_as:
            runuser = shutil.which("runuser")
            if runuser:
                return [runuser, "-u", self.run_as, "--", *cmd]
            import pwd

            pw = pwd.getpwnam(self.run_as)
            return ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}",
                    "--clear-groups", *cmd]
        return cmd

    def _run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_"))}
        env["LANG"] = "C.UTF-8"
        return subprocess.run(self._cmd(program, *args), cwd=self.dir, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout)

    def start(self) -> None:
        base = ["-D", str(self.data), "-A", "trust", "-U", self.user, "--encoding=UTF8"]
        result = self._run("initdb", *base, "--locale=C.UTF-8")
        if result.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            result = self._run("initdb", *base, "--no-locale")
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{result.stdout}\n{result.stderr}")
        self._started = True  # from here on, stop() runs pg_ctl stop (harmless if not running)
        last = None
        for _attempt in range(3):  # another process may grab the free port first
            self.port = _free_port()
            options = (f"-F -p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=200")
            last = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                             "-t", "60", "-o", options, "start")
            if last.returncode == 0:
                break
        else:
            raise RuntimeError(f"pg_ctl start failed:\n{last.stdout}\n{last.stderr}\n"
                               f"{self.log.read_text(errors='replace')[-4000:]}")
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                self._admin = psycopg.connect(self.conninfo("postgres"), autocommit=True)
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def conninfo(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, params: tuple = ()) -> None:
        self._admin.execute(sql, params)

    def create_database(self, name: str, template: str | None = None) -> None:
        sql = f'CREATE DATABASE "{name}"'
        if template:
            sql += f' TEMPLATE "{template}"'
        self.execute(sql)

    def drop_database(self, name: str) -> None:
        self.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._admin is not None:
            try:
                self._admin.close()
            except Exception:
                pass
            self._admin = None
        if self._started:
            self._started = False
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop",
                          timeout=60)
            except (OSError, subprocess.SubprocessError):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
