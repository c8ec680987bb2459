"""Standing orders: a customer's repeating order, its schedule, pauses and skips, and the
record of each scheduled date it was generated for."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Money, ScaledDecimal, UTCDateTime, one_of, utcnow
from core.models.orders import TIME_SLOTS
from core.schedule import SCHEDULES

OCCURRENCE_OUTCOMES = ("ordered", "refused", "dismissed")


class StandingOrder(Base):
    """``schedule`` is "every" (every ``interval_days`` from ``start_date``), "weekdays"
    (``days`` holds ISO weekdays, 1 = Monday) or "monthdays" (``days`` holds days of the
    month; a day a month lacks falls on its last day).  ``days`` is comma-separated."""

    __tablename__ = "standing_order"
    __table_args__ = (one_of("schedule", SCHEDULES), one_of("time_slot", TIME_SLOTS))

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    schedule: Mapped[str] = mapped_column(String(10))
    interval_days: Mapped[int | None] = mapped_column(Integer)
    days: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # inclusive; None: no end
    paused_from: Mapped[date | None] = mapped_column(Date)
    paused_until: Mapped[date | None] = mapped_column(Date)  # inclusive; None with a from: open
    time_slot: Mapped[str] = mapped_column(String(20), default="any")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[StandingOrderLine]] = relationship(
        cascade="all, delete-orphan", order_by="StandingOrderLine.line_no", lazy="selectin")
    skips: Mapped[list[StandingSkip]] = relationship(
        cascade="all, delete-orphan", order_by="StandingSkip.day", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class StandingOrderLine(Base):
    __tablename__ = "standing_order_line"
    __table_args__ = (UniqueConstraint("standing_order_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    standing_order_id: Mapped[int] = mapped_column(
        ForeignKey("standing_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))
    fixed_price: Mapped[Decimal | None] = mapped_column(Money())  # None: the price list's


class StandingSkip(Base):
    """One scheduled date left out."""

    __tablename__ = "standing_skip"

    standing_order_id: Mapped[int] = mapped_column(
        ForeignKey("standing_order.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)


class StandingOccurrence(Base):
    """A (standing order, date) that generation has handled: exactly once, by the UNIQUE.

    ``outcome``: "ordered" (``order_id`` is the order made), "refused" (credit or
    another rule refused it; ``reason`` holds the error as JSON for the clerk's list),
    "dismissed" (a clerk looked at a refusal and let it go).  A refusal that a clerk
    places later becomes "ordered".
    """

    __tablename__ = "standing_occurrence"
    __table_args__ = (UniqueConstraint("standing_order_id", "day"),
                      one_of("outcome", OCCURRENCE_OUTCOMES))

    id: Mapped[int] = mapped_column(primary_key=True)
    standing_order_id: Mapped[int] = mapped_column(ForeignKey("standing_order.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None] = mapped_column(Money())  # the refused order's total
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_by: Mapped[str | None] = mapped_column(String(60))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
