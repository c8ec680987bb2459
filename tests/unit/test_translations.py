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
