"""As-you-type customer search: by name, phone, code or address, and nothing else.

The contract (core/queries/customers.py):
- a query of digits only (a phone number as typed, or its last digits) finds
  customers whose code or phone number starts with them, or whose phone number
  ends with them;
- a single term that starts customers' codes finds those customers;
- otherwise every term must be a substring of the customer's code, name, phone
  digits, area, address or contact person (case and full-width ignored).
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from core.queries.customers import search
from core.search import normalise, query_terms
from core.services import customers
from core.services.actor import SYSTEM
from core.services.customers import CustomerInput

# key: (code, name, phone typed, national digits, area, address, contact)
BOOK = {
    "wang": ("GAS-001", "王大明", "0912-345-678", "0912345678", "西屯區",
             "台中市西屯區文心路三段100號", "王太太"),
    "wang2": ("GAS-002", "王小明", "04 2222 3333", "0422223333", "北區",
              "台中市北區五權路5號", ""),
    "daming": ("WTR-010", "大明瓦斯行", "0922 111 222", "0922111222", "南屯區",
               "台中市南屯區大明路8巷", "陳經理"),
    "water": ("C100", "100% 純水", "", "", "", "a_b 路 1號", ""),
    "obrien": ("OB-1", "O'Brien Water", "", "", "", 'Back\\slash Rd "7"', "Pat O'Brien"),
    "li": ("US-7", "李小華", "+1 650 253 0000", "16502530000", "", "Mountain View", ""),
    "shop": ("5050", "50%off 商行", "", "", "", "under_score street", ""),
}
INACTIVE = ("OLD-1", "王大明二店", "0912 000 111", "0912000111", "西屯區", "台中市西屯區", "")


def oracle_text(entry) -> str:
    code, name, _typed, digits, area, address, contact = entry
    return normalise(" ".join((code, name, digits, area, address, contact)))


def save(engine, actor, entry):
    code, name, phone, _digits, area, address, contact = entry
    return customers.save(engine, actor, CustomerInput(
        code=code, name=name, phone=phone, area=area, address=address, contact_person=contact))


@pytest.fixture
def book(engine, seeded):
    clerk = seeded["clerk"].actor
    ids = {key: save(engine, clerk, entry).id for key, entry in BOOK.items()}
    old = save(engine, clerk, INACTIVE)
    customers.set_active(engine, clerk, customer_id=old.id, version=old.version, active=False)
    ids["inactive"] = old.id
    return ids


def found(engine, book, query, **kw) -> set[str]:
    names = {v: k for k, v in book.items()}
    return {names[r.id] for r in search(engine, query, **kw)}


_CODE_START = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")


def expected(query) -> set[str]:
    """What the contract above says ``query`` finds in BOOK (all of them active)."""
    terms = query_terms(query)
    if len(terms) == 1 and terms[0].isdigit():
        t = terms[0]
        return {key for key, (code, _n, _p, digits, *_rest) in BOOK.items()
                if code.startswith(t) or (digits and (digits.startswith(t) or digits.endswith(t)))}
    contains = {key for key, entry in BOOK.items()
                if all(t in oracle_text(entry) for t in terms)}
    if len(terms) == 1 and terms[0].isascii() and _CODE_START.match(terms[0]):
        by_code = {key for key in contains if BOOK[key][0].startswith(terms[0].upper())}
        if by_code:
            return by_code
    return contains


def test_two_chinese_characters_find_every_customer_containing_them(engine, book):
    assert found(engine, book, "大明") == {"wang", "daming"}
    assert found(engine, book, "小明") == {"wang2"}
    assert found(engine, book, "瓦斯") == {"daming"}


def test_one_chinese_character_finds_by_scanning(engine, book):
    assert found(engine, book, "華") == {"li"}
    assert found(engine, book, "王") == {"wang", "wang2"}


def test_the_last_four_digits_of_a_phone_number_find_its_customer(engine, book):
    assert found(engine, book, "5678") == {"wang"}
    assert found(engine, book, "3333") == {"wang2"}
    assert found(engine, book, "0000") == {"li"}
    assert found(engine, book, "111") == set()  # only the inactive customer ends so


def test_a_phone_number_is_found_however_it_is_typed(engine, book):
    for typed in ("0912345678", "0912-345-678", "0912 345", "０９１２３４５"):
        assert found(engine, book, typed) == {"wang"}, typed
    assert found(engine, book, "(04) 2222-3333") == {"wang2"}
    assert found(engine, book, "+1 650 253") == {"li"}
    assert found(engine, book, "09") == {"wang", "daming"}


def test_digits_typed_find_a_customer_code_starting_with_them(engine, book):
    assert found(engine, book, "50") == {"shop"}
    assert found(engine, book, "5050") == {"shop"}


def test_digits_from_the_middle_of_an_address_are_not_a_phone_search(engine, book):
    assert found(engine, book, "100") == set()  # "文心路三段100號": type the street too
    assert found(engine, book, "三段100") == {"wang"}


def test_the_start_of_a_code_finds_only_the_customers_with_that_code(engine, book):
    assert found(engine, book, "c1") == {"water"}
    assert found(engine, book, "US") == {"li"}


def test_the_start_of_a_code_finds_its_customers(engine, book):
    assert found(engine, book, "GAS") == {"wang", "wang2"}
    assert found(engine, book, "gas-00") == {"wang", "wang2"}
    assert found(engine, book, "gas-002") == {"wang2"}
    assert found(engine, book, "WTR") == {"daming"}
    assert [r.code for r in search(engine, "GAS")] == ["GAS-001", "GAS-002"]


def test_words_of_an_address_find_the_customer(engine, book):
    assert found(engine, book, "五權路") == {"wang2"}
    assert found(engine, book, "西屯") == {"wang"}
    assert found(engine, book, "mountain") == {"li"}


def test_every_word_of_the_query_must_match(engine, book):
    assert found(engine, book, "王 北區") == {"wang2"}
    assert found(engine, book, "明 南屯") == {"daming"}
    assert found(engine, book, "王 南屯") == set()


def test_search_ignores_case_and_full_width_letters(engine, book):
    assert found(engine, book, "o'BRIEN") == {"obrien"}
    assert found(engine, book, "ＷＴＲ") == {"daming"}


def test_a_deactivated_customer_is_found_only_when_asked_for(engine, book):
    assert "inactive" not in found(engine, book, "王大明")
    assert found(engine, book, "王大明", include_inactive=True) == {"wang", "inactive"}


def test_an_empty_query_lists_active_customers_by_code(engine, book):
    rows = search(engine, "")
    assert [r.code for r in rows] == sorted(e[0] for e in BOOK.values())
    assert len(search(engine, "", limit=3)) == 3


def test_results_are_cut_at_the_limit(engine, book):
    assert len(search(engine, "台中", limit=2)) == 2


@pytest.mark.parametrize("query, keys", [
    ("%", {"water", "shop"}),
    ("100%", {"water"}),
    ("%off", {"shop"}),
    ("_", {"water", "shop"}),
    ("a_b", {"water"}),
    ("a%b", set()),
    ("'", {"obrien"}),
    ("o'b", {"obrien"}),
    ('"', {"obrien"}),
    ('"7"', {"obrien"}),
    ("\\", {"obrien"}),
    ("k\\s", {"obrien"}),
    ("\\%", set()),
    ("/", set()),
    ("大\x00明", {"wang", "daming"}),
    ("'; DROP TABLE customer; --", set()),
])
def test_quotes_wildcards_backslashes_and_nul_are_searched_literally(engine, book, query, keys):
    assert found(engine, book, query) == keys == expected(query)


def test_a_query_of_only_nul_characters_lists_everyone(engine, book):
    assert found(engine, book, "\x00\x00") == set(BOOK)


ALPHABET = sorted(set("".join(oracle_text(e) for e in BOOK.values()))
                  | set("%_\\'\"\x00/-+()[]^*?.ＧＡＳ１") - {" "}) + [" "]


@settings(max_examples=75, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(st.text(alphabet=ALPHABET, max_size=6), st.text(max_size=4)))
def test_any_query_returns_exactly_the_customers_that_contain_it(engine, book, query):
    assert found(engine, book, query) == expected(query)


@pytest.fixture
def linguistic_engine(pg_server):
    """A PostgreSQL database whose default collation is a language's (ICU zh-Hant-TW),
    as a server installed with a Taiwanese or English locale would make it."""
    import psycopg

    from core import schema
    from core.db import make_engine

    name = "test_linguistic_collation"
    try:
        pg_server.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8 '
                          "LOCALE_PROVIDER icu ICU_LOCALE 'zh-Hant-TW' LOCALE 'C.UTF-8'")
    except psycopg.Error as exc:  # a server built without ICU, or older than 15
        pytest.skip(f"no ICU collation on this PostgreSQL server: {exc}")
    eng = make_engine(pg_server.url(name))
    try:
        schema.upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        pg_server.drop_database(name)


@pytest.mark.postgresql
def test_phone_and_code_prefixes_work_under_a_linguistic_collation(linguistic_engine):
    c = customers.save(linguistic_engine, SYSTEM, CustomerInput(
        code="GAZ1", name="王大明", phone="0939345679"))
    for query in ("0939", "GAZ", "GA", "09", "093", "5679", "9"):
        assert [r.id for r in search(linguistic_engine, query)] == [c.id], query


def test_two_chinese_characters_cost_one_statement(engine, book):
    """The commonest search (one bigram) looks its customers up straight away: no count
    of the bigram's postings first (issue #10: p95 <= 10 ms at 100,000 customers)."""
    statements = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert found(engine, book, "大明") == {"wang", "daming"}
        assert len(statements) == 1
        statements.clear()
        assert found(engine, book, "台中市") == {"wang", "wang2", "daming"}
        assert len(statements) == 3  # two bigrams counted, then the customers of the rarer
    finally:
        event.remove(engine, "before_cursor_execute", count)
