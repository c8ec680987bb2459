"""Search text is cut the same way when stored and when typed."""

from hypothesis import assume, given
from hypothesis import strategies as st

from core.search import MAX_TERM_LENGTH, MAX_TERMS, grams, normalise, query_terms, words


def test_full_width_letters_digits_and_spaces_become_half_width():
    assert normalise("ＡＢＣ　１２３") == "abc 123"


def test_normalised_text_is_lower_case_with_single_spaces_and_no_control_characters():
    assert normalise("  Wang\tDa\x00Ming \n ") == "wang da ming"
    assert normalise("a\x7fb") == "a b"
    assert normalise(None) == ""


def test_chinese_text_is_kept_as_it_is():
    assert normalise("王大明 台中市西屯區") == "王大明 台中市西屯區"


def test_a_phone_like_query_is_one_term_of_its_digits():
    assert query_terms("0912-345") == ["0912345"]
    assert query_terms("(04) 2345 6789") == ["0423456789"]
    assert query_terms("+886 912 345 678") == ["0912345678"]  # caller ID, international form
    assert query_terms("０９１２－３４５") == ["0912345"]


def test_a_query_of_only_punctuation_from_phone_numbers_has_no_terms():
    assert query_terms("--") == []
    assert query_terms("  ") == []
    assert query_terms("") == []


def test_a_text_query_is_split_into_lower_case_words():
    assert query_terms("王 大明") == ["王", "大明"]
    assert query_terms("Gas  SHOP") == ["gas", "shop"]
    assert query_terms("C0012") == ["c0012"]


def test_lone_surrogates_are_dropped_and_a_pair_becomes_its_character():
    assert normalise("a\ud800b\udfffc") == "abc"
    assert normalise("\ud83d\ude00") == "\U0001f600"
    assert query_terms("\ud800") == [] == words("\udc00 \x00")
    assert words("Wa\ud800ng\x00Gas") == ["wang", "gas"]


def test_terms_are_distinct_and_in_the_order_typed():
    assert query_terms("wang gas WANG Gas wang") == ["wang", "gas"]
    assert words("b a B A") == ["b", "a"]


def test_at_most_max_terms_terms_of_at_most_max_term_length_characters():
    thousand = " ".join(f"w{i}" for i in range(1000))
    assert query_terms(thousand) == words(thousand) == [f"w{i}" for i in range(MAX_TERMS)]
    assert query_terms("王" * 100_000) == ["王" * MAX_TERM_LENGTH]
    assert words("x" * 100_000) == ["x" * MAX_TERM_LENGTH]
    assert query_terms("9" * 100_000) == ["9" * MAX_TERM_LENGTH]  # a phone-like paste


def test_words_fold_only_the_letters_a_to_z_and_keep_the_rest_as_typed():
    """words() is for columns stored as typed, which both databases fold the same way
    only for A-Z: ``contains_all`` lowers them with SQLite's ASCII lower() and with
    PostgreSQL's lower() in the "C" collation."""
    assert words("WANG Gas") == ["wang", "gas"]
    assert words("ÉCLAIR ＡＢＣ １００號") == ["Éclair", "ＡＢＣ", "１００號"]
    assert words("0912-345") == ["0912-345"]  # not a phone search


@given(st.text())
def test_terms_never_hold_what_a_database_refuses_and_are_capped(text):
    for terms in (query_terms(text), words(text)):
        assert len(terms) == len(set(terms)) <= MAX_TERMS
        for term in terms:
            assert 0 < len(term) <= MAX_TERM_LENGTH and "\x00" not in term
            term.encode("utf-8")  # no lone surrogate


def test_grams_are_the_distinct_two_character_pieces_of_each_word():
    assert grams("王大明") == {"王大", "大明"}
    assert grams("aaaa") == {"aa"}
    assert grams("0912") == {"09", "91", "12"}


def test_grams_never_cross_two_words_or_two_fields():
    assert grams("ab cd") == {"ab", "cd"}
    assert grams("ab", "cd") == {"ab", "cd"}


def test_a_single_character_has_no_grams():
    assert grams("王") == set()
    assert grams("") == set()


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)


@given(st.text(min_size=2), st.data())
def test_every_piece_of_a_stored_word_has_its_grams_in_the_index(text, data):
    """The search's index promise: any substring of a stored word that a user
    might type has all its bigrams among the stored field's bigrams."""
    words = normalise(text).split()
    words = [w for w in words if len(w) >= 2]
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    start = data.draw(st.integers(0, len(word) - 2))
    end = data.draw(st.integers(start + 2, len(word)))
    typed = word[start:end]
    assume(query_terms(typed) == [typed])  # phone-like pieces become digits: tested above
    assert grams(typed) <= grams(text)
