from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, Double, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.models.base import Base, Key, Money, UTCDateTime, utcnow


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Key(30), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")  # E.164, e.g. +886912345678
    area: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(250), default="")
    lat: Mapped[float | None] = mapped_column(Double)  # coordinates, not money
    lon: Mapped[float | None] = mapped_column(Double)
    contact_person: Mapped[str] = mapped_column(String(120), default="")
    # Delivery: the hours the customer receives (minutes after midnight; none: the
    # working day) and how long a stop there takes.
    window_start: Mapped[int | None] = mapped_column(Integer)
    window_end: Mapped[int | None] = mapped_column(Integer)
    service_minutes: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    credit_limit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    language: Mapped[str] = mapped_column(String(10), default="zh_TW")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Uniform invoices: a business's 統一編號 and invoice title; a consumer's carrier
    # (mobile barcode or citizen certificate) or donation code (愛心碼), else a printed proof.
    tax_id: Mapped[str] = mapped_column(String(8), default="", server_default="")
    invoice_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    carrier: Mapped[str] = mapped_column(String(64), default="", server_default="")
    donation_code: Mapped[str] = mapped_column(String(7), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Safety inspections of the installation: when the next is due, and why gas orders
    # are stopped after a failed one (empty: not stopped).
    next_inspection: Mapped[date | None] = mapped_column(Date)
    gas_stop: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Credit.  balance: what the customer owes (the sum of the ledger: deliveries not
    # yet invoiced, invoices, payments).  open_orders: the total of confirmed orders
    # on account not yet delivered.  Both change only through conditional UPDATEs in
    # the services, never through a form (so they do not move the version).
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    open_orders: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_reason: Mapped[str] = mapped_column(Text, default="")
    # National digits (0912345678) and the same reversed: phone prefix and suffix
    # searches are index range scans.  Kept by the service.
    phone_digits: Mapped[str] = mapped_column(Key(20), default="", index=True)
    phone_reversed: Mapped[str] = mapped_column(Key(20), default="", index=True)
    # Lower-cased code, name, phone digits (national form), area, address and
    # contact: what the as-you-type search reads.  Kept by the service.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CustomerGram(Base):
    """Bigram index for as-you-type search (Chinese has no word breaks to index).

    One row per distinct two-character piece of a customer's search fields.
    A query looks up its rarest bigram here and checks the candidates'
    ``search_text``, so a two-character Chinese name or the last digits of a
    phone number are found without reading every customer.
    """

    __tablename__ = "customer_gram"
    __table_args__ = {"sqlite_with_rowid": False}

    gram: Mapped[str] = mapped_column(String(2), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True, index=True)
