from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """Who changed what, when: old -> new per field, as JSON."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(String(250), default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")
    hmac: Mapped[str | None] = mapped_column(String(64))  # core.chain; None before 0008


class ChainHead(Base):
    """The end of one chain of HMACs (``core.chain``): a customer's ledger or one table's
    audit rows.  Updated with each row added, in the same transaction; ``hmac`` is the
    head's own, so nobody without the key can rewind it."""

    __tablename__ = "chain_head"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_hmac: Mapped[str | None] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer)
    hmac: Mapped[str] = mapped_column(String(64))
