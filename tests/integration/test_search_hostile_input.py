"""Every search box of the core, on SQLite and PostgreSQL, with what a careless paste or
an attacker sends: NUL, half a surrogate pair, a thousand words.  No error, ever; the
typed words are cleaned, de-duplicated and capped (core/search.py), and Latin letters
match whatever their case on both databases.

The six searches: customers (order entry, quotes, customers window), orders, standing
orders, quotes, the credit summary and the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.queries import credit as credit_queries
from core.queries import customers as customer_queries
from core.queries import orders as order_queries
from core.queries import quotes as quote_queries
from core.queries.orders import OrderCriteria
from core.search import MAX_TERMS
from core.services import audit, customers, orders, quotes, standing
from core.services.actor import SYSTEM
from core.services.customers import CustomerInput
from core.services.quotes import QuoteInput
from core.services.standing import StandingInput, StandingLineInput
from tests.integration.shop import line, make_products, order_for


# name -> (engine, text) -> the codes of the customers whose records were found
SEARCHES = {
    "customers": lambda engine, text: {r.code for r in customer_queries.search(engine, text)},
    "orders": lambda engine, text: {r.customer_code for r in order_queries.search(
        engine, OrderCriteria(text=text))},
    "standing orders": lambda engine, text: {r.customer_code for r in standing.list_standing(
        engine, text=text)},
    "quotes": lambda engine, text: {r.customer_code for r in quote_queries.list_quotes(
        engine, query=text)},
    "credit summary": lambda engine, text: {r.code for r in credit_queries.customers(
        engine, text=text)},
    "audit log": lambda engine, text: {e.entity_id for e in audit.list_entries(
        engine, SYSTEM, entity="customer", text=text)},
}


@pytest.fixture
def world(engine, seeded):
    """Three customers, each with an order, a standing order and a quote."""
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    shop = make_products(engine, manager)
    ids = {}
    for key, name in (("wang", "Wang Gas Shop 王大明"), ("lin", "林記 Water"),
                      ("cafe", "ÉCLAIR CAFÉ")):
        c = customers.save(engine, manager, CustomerInput(name=name, credit_limit=100_000))
        orders.place(engine, clerk, order_for(c, line(shop.lpg20)))
        standing.create(engine, clerk, StandingInput(
            customer_id=c.id, schedule="every", interval_days=7,
            start_date=date.today() + timedelta(days=1),
            lines=(StandingLineInput(shop.lpg20.id, 1),)))
        quotes.create(engine, clerk, QuoteInput(customer_id=c.id, lines=(line(shop.lpg20),)))
        ids[key] = c.code
    return ids


def test_the_world_is_found_by_every_search(engine, world):
    """The fixture's records are where each search looks (so the tests below can fail)."""
    for name, search in SEARCHES.items():
        assert search(engine, "") == set(world.values()), name
        assert search(engine, "Wang") == {world["wang"]}, name


THOUSAND_WORDS = " ".join(f"w{i}" for i in range(1000))

HOSTILE = {
    "NUL": "\x00",
    "NULs": "\x00\x00\x00",
    "a lone high surrogate": "\ud800",
    "a lone low surrogate": "\udfff",
    "surrogates in a word": "Wa\ud800ng\udc00",
    "a thousand words": THOUSAND_WORDS,
    "a thousand Chinese words": " ".join("王大明" + chr(0x4E00 + i) for i in range(1000)),
    "a word of 100,000 characters": "王" * 100_000,
    "a thousand quotes and wildcards": " ".join(["'%_\\\""] * 1000),
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_hostile_text_in_a_search_box_is_no_error(engine, world, search, text):
    assert search(engine, text) <= set(world.values())


@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_nul_and_lone_surrogates_are_dropped_from_the_words(engine, world, search):
    assert search(engine, "Wang\x00") == {world["wang"]}
    assert search(engine, "\ud800Wang Gas\udfff") == {world["wang"]}
    assert search(engine, "\x00") == search(engine, "\ud800") == set(world.values())


@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_a_word_typed_a_thousand_times_is_one_word(engine, world, search):
    assert search(engine, " ".join(["wang"] * 1000)) == {world["wang"]}
    assert search(engine, " ".join(["wang", "water"] * 500)) == set()


# MAX_TERMS distinct words, each in the name "Wang Gas Shop 王大明"
EIGHT_WORDS = ["wang", "gas", "shop", "王大明", "王大", "大明", "an", "sh"]


@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_words_after_the_cap_are_not_read(engine, world, search):
    """The first MAX_TERMS distinct words decide; what follows cannot narrow (nor slow)
    the search."""
    assert len(EIGHT_WORDS) == MAX_TERMS
    assert search(engine, " ".join(EIGHT_WORDS * 3 + ["nowhere"])) == {world["wang"]}
    assert search(engine, " ".join(EIGHT_WORDS[:-1] + ["nowhere"])) == set()
    assert search(engine, "wang gas " + THOUSAND_WORDS) == set()  # w0 is in no record
    assert search(engine, " ".join(EIGHT_WORDS) + " " + THOUSAND_WORDS) == {world["wang"]}


@pytest.mark.parametrize("typed, key", [
    ("wang", "wang"), ("WANG", "wang"), ("wAnG", "wang"), ("Wang GAS", "wang"),
    ("WATER", "lin"), ("wAtEr", "lin")])
@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_latin_letters_match_whatever_their_case_on_both_databases(engine, world, search,
                                                                   typed, key):
    assert search(engine, typed) == {world[key]}


@pytest.mark.parametrize("name", ["customers", "orders", "credit summary"])
def test_full_width_letters_find_what_the_customers_search_text_holds(engine, world, name):
    """These searches read the customer's search text (NFKC, lower case); the others
    read names as typed, where a word typed as it was saved is found."""
    assert SEARCHES[name](engine, "ＷＡＮＧ ｇａｓ") == {world["wang"]}


AS_TYPED = ("standing orders", "quotes", "audit log")


@pytest.mark.parametrize("search", SEARCHES.values(), ids=SEARCHES.keys())
def test_other_letters_match_the_same_way_on_both_databases(engine, world, search):
    """Beyond A-Z, case is folded only in the customer's search text (by Python, so alike
    everywhere); the searches that read names as typed compare other letters as they
    are, on SQLite and PostgreSQL alike (PostgreSQL's locale is not asked)."""
    reads_search_text = search not in [SEARCHES[name] for name in AS_TYPED]
    assert search(engine, "ÉCLAIR") == search(engine, "Éclair cafÉ") == {world["cafe"]}
    assert search(engine, "éclair") == ({world["cafe"]} if reads_search_text else set())


def test_the_order_searchs_area_box_takes_any_text(engine, world):
    every = order_queries.search(engine, OrderCriteria())
    assert len(every) == 3
    assert order_queries.search(engine, OrderCriteria(area="\ud800\x00")) == every
    assert order_queries.search(engine, OrderCriteria(area="北區" * 10_000)) == []
