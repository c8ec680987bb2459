"""Where Roundsman keeps its files on this workstation, and its local settings.

Company settings live in the database; what belongs to one workstation (the
language, which database to open, the chosen printer) lives in a small JSON
file in the user's config folder.  The PostgreSQL password is never written
here: it is kept in the operating system's keyring.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP = "Roundsman"


def data_dir() -> Path:
    path = Path(os.environ.get("ROUNDSMAN_DATA_DIR") or platformdirs.user_data_dir(APP, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    path = Path(os.environ.get("ROUNDSMAN_CONFIG_DIR") or platformdirs.user_config_dir(APP, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'roundsman.sqlite3'}"


@dataclass
class LocalSettings:
    language: str = "zh_TW"
    database_url: str = ""  # empty: the embedded SQLite file; never holds a password
    server_url: str = ""  # set: connected to the office server (https://host:port)
    server_fingerprint: str = ""  # the server's certificate, pinned on the first connect
    server_ca_file: str = ""  # or a company CA that signed the server's certificate
    printer: str = ""
    last_user: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> LocalSettings:
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        return cls(**known)

    def save(self) -> None:
        path = config_dir() / "settings.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)

    def effective_database_url(self) -> str:
        return self.database_url or default_database_url()
