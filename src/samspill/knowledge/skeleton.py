"""The knowledge bank's part of a new hub's skeleton (`samspill setup`, and under the demo): its
front page in every language the hub has, the editors' group and the review workflow, so that
editors can write and `samspill import-knowledge` can import at once.

Idempotent: an index page that exists is left exactly as it is.
"""

from wagtail.models import Locale

from samspill.core import skeleton
from samspill.core.models import HomePage
from samspill.knowledge import services
from samspill.knowledge.models import KnowledgeIndexPage

# The front page's title and lead by language (content: editors change them in the admin).
INDEX = {
    "nb": (
        "Kunnskapsbanken",
        "Konkrete svar for musikkfeltet: støtte, skatt og status, utgivelser, rettigheter og "
        "nye inntekter – skrevet av organisasjonene i huben.",
    ),
    "nn": (
        "Kunnskapsbanken",
        "Konkrete svar for musikkfeltet: støtte, skatt og status, utgjevingar, rettar og nye "
        "inntekter – skrivne av organisasjonane i huben.",
    ),
    "da": (
        "Videnbanken",
        "Konkrete svar til musiklivet: støtte, skat og status, udgivelser, rettigheder og nye "
        "indtægter – skrevet af organisationerne i hubben.",
    ),
    "en": (
        "Knowledge bank",
        "Concrete answers for the music sector: grants, tax and status, releases, rights and new "
        "revenue – written by the hub's organisations.",
    ),
}
SLUG = "kunnskap"


def _publish(page):
    page.save_revision().publish()
    return page


def build() -> None:
    languages = skeleton.languages()
    default = Locale.objects.get(language_code=languages[0])
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        return
    index = KnowledgeIndexPage.objects.filter(locale=default).first()
    if index is None:
        title, lead = INDEX.get(default.language_code, INDEX["en"])
        index = KnowledgeIndexPage(title=title, slug=SLUG, lead=lead)
        home.add_child(instance=index)
        _publish(index)
    for code in languages[1:]:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or index.has_translation(locale) or not home.has_translation(locale):
            continue
        if KnowledgeIndexPage.objects.filter(locale=locale).exists():
            continue  # an editor made this language's index by hand
        copy = index.copy_for_translation(locale).specific
        copy.title, copy.lead = INDEX.get(code, INDEX["en"])
        _publish(copy)
    services.ensure_editor_group()
    services.ensure_review_workflow()
