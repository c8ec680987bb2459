"""Every user-visible source string has a zh-TW translation that keeps its placeholders."""

import re
import xml.etree.ElementTree as ET

import pytest

from desktop import i18n


def _messages(ts_file):
    out = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in (
                "unfinished", "vanished", "obsolete")
            out[(name, message.findtext("source"))] = (translation.text or "") if done else ""
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    ts = tmp_path_factory.mktemp("ts") / "extracted.ts"
    i18n.lupdate(ts)
    return _messages(ts)


def test_lupdate_finds_the_strings_of_core_and_desktop(extracted):
    contexts = {context for context, _ in extracted}
    assert "core" in contexts and len(extracted) > 100


def test_every_source_string_has_a_zh_tw_translation(extracted):
    committed = _messages(i18n.TS_FILE)
    missing = [f"[{c}] {s}" for (c, s) in extracted if not committed.get((c, s), "").strip()]
    assert not missing, "untranslated (run `python -m desktop.i18n update`, then translate):\n" \
        + "\n".join(missing)


def test_translations_keep_every_placeholder():
    for (context, source), translation in _messages(i18n.TS_FILE).items():
        if translation:
            assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", translation)), \
                f"[{context}] {source!r} -> {translation!r}"


def test_the_qm_builds_from_the_ts():
    qm = i18n.build_qm()
    assert qm.exists() and qm.stat().st_size > 1000


# --- one word per concept ------------------------------------------------------------------
# resources/translations/glossary.tsv: an English term, its zh-TW word, the contexts where a
# different word is right (blank: everywhere else), and why.

GLOSSARY = i18n.TS_FILE.parent / "glossary.tsv"
_MNEMONIC_ZH = re.compile(r"\s*[(（]&[^)）][)）]")  # 電話(&P)


def _glossary() -> list[tuple[str, str, frozenset[str], str]]:
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()[1:]
    rows = [(line.split("\t") + ["", ""])[:4] for line in lines if line.strip()]
    return [(en, zh, frozenset(contexts.split()), note) for en, zh, contexts, note in rows]


def _term(source: str) -> str:
    """A label as a term: "&Manager:" -> "Manager", "Save as P&DF…" -> "Save as PDF"."""
    return source.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(
        ":*… ").strip()


def _word(translation: str) -> str:
    """A translation as a word: "經理(&M)：" -> "經理"."""
    return _MNEMONIC_ZH.sub("", translation).replace("&", "").strip().rstrip(":：*… ").strip()


def _expected(term: str, context: str) -> str | None:
    """The glossary's word for ``term`` in ``context`` (None: not a glossary term)."""
    rows = [(zh, contexts) for en, zh, contexts, _ in _glossary() if en == term]
    return next((zh for zh, contexts in rows if context in contexts),
                next((zh for zh, contexts in rows if not contexts), None))


def test_the_glossary_has_one_word_per_term_and_says_why_a_context_differs():
    general = [en for en, _, contexts, _ in _glossary() if not contexts]
    assert len(general) == len(set(general)), "a term has two words for everywhere"
    assert all(note for _, _, contexts, note in _glossary() if contexts)


def test_one_english_source_has_one_translation_wherever_it_appears():
    by_source: dict[str, dict[str, set[str]]] = {}
    for (context, source), translation in _messages(i18n.TS_FILE).items():
        if translation:
            by_source.setdefault(source, {}).setdefault(translation, set()).add(context)
    excepted = {(en, c) for en, _, contexts, _ in _glossary() for c in contexts}
    differing = []
    for source, translations in by_source.items():
        usual = {t for t, contexts in translations.items()
                 if any((_term(source), c) not in excepted for c in contexts)}
        if len(usual) > 1:
            differing.append(f"{source!r}: " + " / ".join(
                f"{t} [{', '.join(sorted(translations[t]))}]" for t in sorted(usual)))
    assert not differing, "one English source, several translations (make them one, or " \
        "give the context its own word in glossary.tsv):\n" + "\n".join(differing)


def test_a_glossary_term_is_translated_with_the_glossarys_word():
    wrong = []
    for (context, source), translation in _messages(i18n.TS_FILE).items():
        expected = _expected(_term(source), context)
        if translation and expected is not None and _word(translation) != expected:
            wrong.append(f"[{context}] {source!r} -> {translation!r}, not {expected}")
    assert not wrong, "\n".join(wrong)


def test_a_multi_word_glossary_term_inside_a_longer_text_keeps_the_glossarys_word():
    terms = [(en, zh) for en, zh, contexts, _ in _glossary() if " " in en and not contexts]
    wrong = []
    for (context, source), translation in _messages(i18n.TS_FILE).items():
        for en, zh in terms:
            if translation and re.search(rf"\b{re.escape(en)}\b", _term(source), re.I) \
                    and zh not in translation:
                wrong.append(f"[{context}] {source!r} -> {translation!r}: {en} is {zh}")
    assert not wrong, "\n".join(wrong)


def test_the_glossary_check_can_fail():
    assert _term("&Manager:") == "Manager" and _word("主管(&M)：") == "主管"
    assert _expected("Manager", "OverrideDialog") == "經理" != _word("主管(&M)：")
    assert _expected("Name", "FleetWindow") == "姓名" and _expected("Name", "CustomersWindow") \
        == "名稱"
