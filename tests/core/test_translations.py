"""The translation catalogues are complete, safe to format, compiled, and used by the pages.

nb (the default), nn and da must translate every string; en may leave a msgstr empty where the
English msgid is the right text (Django then shows the msgid). The compiled .mo files are
committed, so they must match the .po files.
"""

import re
from pathlib import Path

import polib
import pytest

import samspill
from tests.core.language_links import switcher_links

LOCALE_DIR = Path(samspill.__file__).resolve().parent / "locale"
LANGUAGES = ["nb", "nn", "da", "en"]
# (A string missing in nn would show in bokmål, Django's fallback to LANGUAGE_CODE, not English;
# still, nn must be complete like nb and da.)
FULLY_TRANSLATED = ["nb", "nn", "da"]

# %(name)s, %s, %d and {name} / {} placeholders; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def _pairs(catalogue) -> set[tuple]:
    """(msgctxt, msgid, msgid_plural, translations) for every entry a .mo file holds."""
    pairs = set()
    for entry in catalogue:
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            forms = (entry.msgstr,)
        pairs.add((entry.msgctxt, entry.msgid, entry.msgid_plural, forms))
    return pairs


def test_every_language_has_a_catalogue_with_headers():
    for language in LANGUAGES:
        po = _po(language)
        assert po.metadata["Language"] == language
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert "charset=UTF-8" in po.metadata["Content-Type"]
        assert not po.metadata_is_fuzzy
        assert len([e for e in po if not e.obsolete]) > 100


@pytest.mark.parametrize("language", FULLY_TRANSLATED)
def test_nb_nn_and_da_have_no_untranslated_or_fuzzy_entries(language):
    po = _po(language)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    empty_plural_forms = [
        e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.values())
    ]
    assert untranslated == []
    assert fuzzy == []
    assert empty_plural_forms == []
    assert po.percent_translated() == 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_placeholder_of_a_msgid_is_kept_in_its_translation(language):
    problems = []
    for entry in _po(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            expected = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            translations = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            # The singular form may drop the count (e.g. "one organisation"), never add a name.
            required = [_placeholders(entry.msgid)] + [_placeholders(entry.msgid_plural)] * (
                len(translations) - 1
            )
        else:
            expected = _placeholders(entry.msgid)
            translations = [entry.msgstr]
            required = [expected]
        for translation, needed in zip(translations, required, strict=True):
            if not translation:  # only allowed for en (checked above for nb and da)
                continue
            found = _placeholders(translation)
            if not needed <= found or not found <= expected:
                problems.append((entry.msgid, translation))
    assert problems == []


def test_the_placeholder_check_catches_a_lost_placeholder():
    assert _placeholders("Side %(number)s av %(total)s") == {"%(number)s", "%(total)s"}
    assert _placeholders("{count} stk, 100 %% og %s") == {"{count}", "%s"}
    assert not {"%(total)s"} <= _placeholders("Side %(number)s")


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_mo_files_are_up_to_date(language, tmp_path):
    po = _po(language)
    committed = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert committed.exists(), f"run `python -m samspill.core.i18n_compile` for {language}"
    fresh = tmp_path / "django.mo"
    po.save_as_mofile(str(fresh))
    fresh_mo = polib.mofile(str(fresh))
    committed_mo = polib.mofile(str(committed))
    assert _pairs(committed_mo) == _pairs(fresh_mo), (
        f"{committed} is stale: run `python -m samspill.core.i18n_compile`"
    )
    assert committed_mo.metadata.get("Plural-Forms") == po.metadata["Plural-Forms"]
    assert committed_mo.metadata.get("Language") == language


@pytest.mark.parametrize(
    ("path", "language", "present", "absent"),
    [
        ("/", "nb", ["Logg inn", "Hopp til hovedinnholdet"], ["Log in"]),
        ("/nn/", "nn", ["Logg inn", "Hopp til hovudinnhaldet"], ["Log in", "hovedinnholdet"]),
        ("/da/", "da", ["Log ind", "Spring til hovedindholdet"], ["Logg inn"]),
        ("/en/", "en", ["Log in", "Skip to main content"], ["Logg inn", "Log ind"]),
    ],
)
def test_front_page_renders_in_the_language_of_its_url(
    client, db, home_page, path, language, present, absent
):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html


def test_organisation_list_is_translated_including_plurals(client, db, home_page):
    html = client.get("/da/organisasjoner/").content.decode()
    assert "Organisationer" in html
    assert "0 organisationer" in html
    html = client.get("/organisasjoner/").content.decode()
    assert "0 organisasjoner" in html


def test_language_switcher_keeps_the_page(client, db, home_page):
    link = switcher_links(client.get("/organisasjoner/").content.decode())["da"]
    assert link == "/da/organisasjoner/"
    html = client.get(link).content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_msgid_is_in_a_catalogue_twice(language):
    """Helpers append entries by hand: the same msgid twice makes the later one win silently."""
    seen, twice = set(), []
    for entry in _po(language):
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            twice.append(entry.msgid)
        seen.add(key)
    assert twice == []
