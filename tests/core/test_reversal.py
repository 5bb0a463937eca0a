"""The memoised reversals (core.reversal) give what reverse() and translate_url() give, in each
language, and follow a change of the URL configuration."""

from django.test import override_settings
from django.urls import reverse, translate_url
from django.utils import translation

from samspill.core import reversal


def test_reverse_static_is_reverse_in_the_active_language():
    for language in ("nb", "nn", "da", "en"):
        with translation.override(language):
            for name, args in (
                ("account_login", ()),
                ("wagtail_serve", ("",)),
                ("core:profile", ()),
            ):
                assert reversal.reverse_static(name, *args) == reverse(name, args=args)
    with translation.override("da"):
        assert reversal.reverse_static("account_login") == "/da/konto/login/"
    assert reversal.reverse_static("account_login") == "/konto/login/"


def test_translated_path_is_translate_url_also_for_unknown_and_escaped_paths():
    paths = [
        "/organisasjoner/",
        "/da/organisasjoner/",
        "/finnes/ikke/",
        "/nettverk/%C3%A5/",
        "/healthz",
    ]
    for active in ("nb", "da"):
        with translation.override(active):
            for path in paths:
                for language in ("nb", "nn", "da", "en"):
                    expected = translate_url(path, language)
                    assert reversal.translated_path(path, language) == expected, (path, language)


@override_settings(ROOT_URLCONF="tests.core.reversal_urls")
def test_a_changed_url_configuration_empties_the_memo():
    assert reversal.reverse_static("account_login") == "/elsewhere/login/"
