"""News's part of a new hub's skeleton: the news index in every language the hub has, the news
categories, and the knowledge bank's editors' group and review workflow on the indexes (editors
write news of their organisations; its admins publish).

Idempotent: an index page that exists is left exactly as it is.
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission, Locale, WorkflowPage

from samspill.core import skeleton
from samspill.core.models import HomePage
from samspill.knowledge import services as knowledge_services
from samspill.news import services
from samspill.news.models import NewsIndexPage

INDEX = {
    "nb": (
        "Nyheter",
        "Nytt fra organisasjonene i huben: kunngjøringer, utlysninger og resultater.",
    ),
    "nn": ("Nyheiter", "Nytt frå organisasjonane i huben: kunngjeringar, utlysingar og resultat."),
    "da": ("Nyheder", "Nyt fra organisationerne i hubben: meddelelser, opslag og resultater."),
    "en": ("News", "News from the hub's organisations: announcements, calls and results."),
}
SLUG = "nyheter"


def _publish(page):
    page.save_revision().publish()
    return page


def build() -> None:
    services.ensure_categories()
    languages = skeleton.languages()
    default = Locale.objects.get(language_code=languages[0])
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        return
    index = NewsIndexPage.objects.filter(locale=default).first()
    if index is None:
        title, lead = INDEX.get(default.language_code, INDEX["en"])
        index = NewsIndexPage(title=title, slug=SLUG, lead=lead)
        home.add_child(instance=index)
        _publish(index)
    for code in languages[1:]:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or index.has_translation(locale) or not home.has_translation(locale):
            continue
        if NewsIndexPage.objects.filter(locale=locale).exists():
            continue
        copy = index.copy_for_translation(locale).specific
        copy.title, copy.lead = INDEX.get(code, INDEX["en"])
        _publish(copy)
    ensure_editing()


def ensure_editing() -> None:
    """The knowledge bank's editors may add and change pages below every news index, and news
    goes through its review workflow."""
    group = knowledge_services.ensure_editor_group()
    workflow = knowledge_services.ensure_review_workflow()
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=("add_page", "change_page")
    )
    for index in NewsIndexPage.objects.all():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
