"""Search text is cut the same way when stored and when typed."""

from hypothesis import assume, given
from hypothesis import strategies as st

from core.search import grams, normalise, query_terms


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
