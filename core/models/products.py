from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Key, Money, Rate, ScaledDecimal

UNITS = ("cylinder", "bottle", "carton", "litre", "kg", "piece", "service")


class Product(Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(Key(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(20), default="piece")
    # None: the company's tax rate applies; otherwise this product's own rate.
    tax_rate: Mapped[Decimal | None] = mapped_column(Rate())
    deposit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # What one unit weighs on a truck, in kg (a 20 kg cylinder's gas: 20); none: nothing.
    weight_kg: Mapped[Decimal | None] = mapped_column(ScaledDecimal(3))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    prices: Mapped[list[ProductPrice]] = relationship(
        cascade="all, delete-orphan", order_by="ProductPrice.effective_from", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class ProductPrice(Base):
    """A price effective from a date until the next one: old orders keep old prices."""

    __tablename__ = "product_price"
    __table_args__ = (UniqueConstraint("product_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    price: Mapped[Decimal] = mapped_column(Money())
