"""Knowledge editors in the Wagtail admin: each works on their own organisations' content, and the
review dashboard shows them what is due and which links broke."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from samspill.knowledge.models import ArticlePage, ExternalLink, LinkStatus
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)
REVIEW_URL = "/admin/knowledge/review/"


def assert_refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Fremmed Forlag", slug="fremmed-forlag")


@pytest.fixture
def tree(home_page, organisation, other_organisation):
    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    return {
        "index": index,
        "topic": topic,
        "mine": factories.article_page(topic, organisation, title="Vår artikkel"),
        "theirs": factories.article_page(topic, other_organisation, title="Deres artikkel"),
    }


# --- Page restrictions ----------------------------------------------------------------------------


def test_editor_edits_their_organisations_articles_only(client, org_editor, tree):
    client.force_login(org_editor)
    assert client.get(f"/admin/pages/{tree['mine'].pk}/edit/").status_code == 200
    assert_refused(client.get(f"/admin/pages/{tree['theirs'].pk}/edit/"))


def test_editor_cannot_save_over_another_organisations_article(client, org_editor, tree):
    client.force_login(org_editor)
    response = client.post(f"/admin/pages/{tree['theirs'].pk}/edit/", {"title": "Kapret"})
    assert_refused(response)
    assert ArticlePage.objects.get(pk=tree["theirs"].pk).title == "Deres artikkel"
    assert (
        ArticlePage.objects.get(pk=tree["theirs"].pk).latest_revision.content["title"] != "Kapret"
    )


def test_editor_cannot_delete_copy_or_move_another_organisations_draft(
    client, org_editor, organisation, other_organisation, tree
):
    my_draft = factories.article_page(tree["topic"], organisation, live=False)
    their_draft = factories.article_page(tree["topic"], other_organisation, live=False)
    client.force_login(org_editor)
    other_topic = factories.topic_page(tree["index"], title="Annet")
    for url in (
        f"/admin/pages/{my_draft.pk}/delete/",
        f"/admin/pages/{my_draft.pk}/copy/",
        f"/admin/pages/{my_draft.pk}/move/{other_topic.pk}/confirm/",
    ):
        assert client.get(url).status_code == 200, url
    for action in ("delete", "copy"):
        assert_refused(client.get(f"/admin/pages/{their_draft.pk}/{action}/"))
    assert_refused(client.post(f"/admin/pages/{their_draft.pk}/delete/"))
    assert ArticlePage.objects.filter(pk=their_draft.pk).exists()
    move_url = f"/admin/pages/{their_draft.pk}/move/{other_topic.pk}/confirm/"
    assert_refused(client.get(move_url))
    assert_refused(client.post(move_url))
    assert ArticlePage.objects.get(pk=their_draft.pk).get_parent().pk == tree["topic"].pk


def test_editor_cannot_unpublish_another_organisations_article(client, org_editor, tree):
    client.force_login(org_editor)
    assert_refused(client.post(f"/admin/pages/{tree['theirs'].pk}/unpublish/"))
    assert ArticlePage.objects.get(pk=tree["theirs"].pk).live


def test_index_and_topics_are_for_hub_admins(client, org_editor, hub_admin, tree):
    client.force_login(org_editor)
    assert_refused(client.get(f"/admin/pages/{tree['topic'].pk}/edit/"))
    assert_refused(client.get(f"/admin/pages/{tree['index'].pk}/edit/"))
    assert_refused(client.get(f"/admin/pages/add/knowledge/topicpage/{tree['index'].pk}/"))
    assert (
        client.get(f"/admin/pages/add/knowledge/articlepage/{tree['topic'].pk}/").status_code == 200
    )

    client.force_login(hub_admin)
    assert client.get(f"/admin/pages/{tree['topic'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{tree['theirs'].pk}/edit/").status_code == 200
    assert (
        client.get(f"/admin/pages/add/knowledge/topicpage/{tree['index'].pk}/").status_code == 200
    )


def test_an_editor_of_both_organisations_edits_both(client, org_editor, other_organisation, tree):
    MembershipFactory(user=org_editor, organisation=other_organisation, role="admin")
    client.force_login(org_editor)
    assert client.get(f"/admin/pages/{tree['theirs'].pk}/edit/").status_code == 200


def test_members_do_not_reach_the_page_editor(client, org_member, tree):
    client.force_login(org_member)
    response = client.get(f"/admin/pages/{tree['mine'].pk}/edit/")
    assert response.status_code == 403  # not the login page, which would send them back


# --- Review dashboard -----------------------------------------------------------------------------


@pytest.fixture
def overdue(tree, organisation, other_organisation):
    topic = tree["topic"]
    return {
        "mine": factories.article_page(topic, organisation, title="Gammel sak", reviewed=LONG_AGO),
        "mine_faq": factories.faq_page(
            topic, organisation, reviewed=LONG_AGO - relativedelta(years=1)
        ),
        "theirs": factories.article_page(
            topic, other_organisation, title="Fremmed sak", reviewed=LONG_AGO
        ),
    }


def test_dashboard_lists_overdue_content_of_the_editors_organisations_oldest_first(
    client, org_editor, overdue, tree
):
    client.force_login(org_editor)
    response = client.get(REVIEW_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gammel sak" in html
    assert overdue["mine_faq"].title in html
    assert html.index(overdue["mine_faq"].title) < html.index("Gammel sak")
    assert "Fremmed sak" not in html
    assert "Vår artikkel" not in html  # reviewed today
    assert f"/admin/pages/{overdue['mine'].pk}/edit/" in html
    assert "Lydhuset" in html


def test_hub_admins_see_every_organisations_overdue_content(client, hub_admin, overdue):
    client.force_login(hub_admin)
    html = client.get(REVIEW_URL).content.decode()
    assert "Gammel sak" in html and "Fremmed sak" in html


def test_members_cannot_open_the_dashboard(client, org_member, overdue):
    client.force_login(org_member)
    response = client.get(REVIEW_URL)
    assert response.status_code == 403  # not the login page, which would send them back


def test_the_dashboard_is_in_the_menu_and_on_the_admin_home(client, org_editor, overdue, settings):
    # Wagtail's own home page reads the editor's site twice (not ours to change).
    settings.ZEAL_ALLOWLIST = [
        *settings.ZEAL_ALLOWLIST,
        {"model": "wagtailcore.Site", "field": "get()"},
    ]
    client.force_login(org_editor)
    html = client.get("/admin/").content.decode()
    assert REVIEW_URL in html


def test_mark_as_reviewed_moves_the_review_date(client, org_editor, overdue):
    page = overdue["mine"]
    client.force_login(org_editor)
    response = client.post(f"{REVIEW_URL}{page.pk}/reviewed/")
    assert response.status_code == 302
    assert response["Location"].startswith(REVIEW_URL)
    page = ArticlePage.objects.get(pk=page.pk)
    today = timezone.localdate()
    assert page.last_reviewed == today
    assert page.review_due == today + relativedelta(months=12)
    assert not page.has_unpublished_changes
    assert (
        PageLogEntry.objects.filter(
            page=page, action="knowledge.content.reviewed", user=org_editor
        ).exists()
        or ModelLogEntry.objects.filter(action="knowledge.content.reviewed").exists()
    )
    assert f"/admin/pages/{page.pk}/edit/" not in client.get(REVIEW_URL).content.decode()


def test_content_with_unpublished_changes_is_reviewed_in_the_editor(client, org_editor, overdue):
    page = overdue["mine"]
    page.summary = "Et utkast."
    page.save_revision()
    client.force_login(org_editor)
    html = client.get(REVIEW_URL).content.decode()
    assert f"{REVIEW_URL}{page.pk}/reviewed/" not in html
    response = client.post(f"{REVIEW_URL}{page.pk}/reviewed/", follow=True)
    assert response.status_code == 200
    assert ArticlePage.objects.get(pk=page.pk).last_reviewed == LONG_AGO
    messages = [str(m) for m in response.context["messages"]]
    assert messages and any("unpublished" in m or "publiserte" in m for m in messages), messages


def test_an_editor_cannot_mark_another_organisations_content(client, org_editor, overdue):
    client.force_login(org_editor)
    assert_refused(client.post(f"{REVIEW_URL}{overdue['theirs'].pk}/reviewed/"))
    assert ArticlePage.objects.get(pk=overdue["theirs"].pk).last_reviewed == LONG_AGO
    assert client.get(f"{REVIEW_URL}{overdue['mine'].pk}/reviewed/").status_code == 405


def test_dashboard_lists_broken_links_with_the_pages_that_use_them(client, org_editor, tree):
    broken = ExternalLink.objects.create(
        url="https://gone.example/side",
        status=LinkStatus.BROKEN,
        status_code=404,
        error="The server answered 404 Not Found.",
        checked_at=timezone.now(),
        failures=2,
    )
    broken.pages.add(tree["mine"], tree["theirs"])
    elsewhere = ExternalLink.objects.create(
        url="https://only-theirs.example/", status=LinkStatus.BROKEN
    )
    elsewhere.pages.add(tree["theirs"])
    ExternalLink.objects.create(url="https://works.example/", status=LinkStatus.OK).pages.add(
        tree["mine"]
    )
    client.force_login(org_editor)
    html = client.get(REVIEW_URL).content.decode()
    assert "https://gone.example/side" in html
    assert "404" in html
    assert f"/admin/pages/{tree['mine'].pk}/edit/" in html
    assert f"/admin/pages/{tree['theirs'].pk}/edit/" not in html
    assert "only-theirs.example" not in html
    assert "works.example" not in html


def test_dashboard_query_count_does_not_grow_with_the_rows(
    client, org_editor, organisation, tree, queries
):
    def add(n):
        for i in range(n):
            page = factories.article_page(
                tree["topic"], organisation, title=f"Sak {i}", reviewed=LONG_AGO
            )
            link = ExternalLink.objects.create(
                url=f"https://gone.example/{page.pk}", status=LinkStatus.BROKEN
            )
            link.pages.add(page, tree["mine"])

    client.force_login(org_editor)
    add(2)
    client.get(REVIEW_URL)
    few = queries.count(lambda: client.get(REVIEW_URL))
    add(8)
    client.get(REVIEW_URL)  # the new pages made the per-process memos read again once
    many = queries.count(lambda: client.get(REVIEW_URL))
    assert many == few


# --- Where the owner, audiences and review date are edited (issue 18) ---------------------------


OWNERSHIP_FIELDS = {"organisation", "audiences", "region", "content_language", "last_reviewed"}


def _tab_fields(model) -> dict[str, set[str]]:
    from django.utils import translation

    with translation.override("en"):
        handler = model.get_edit_handler()
        return {
            str(tab.heading): {name for name in tab.get_form_options().get("fields", []) if name}
            for tab in handler.children
        }


@pytest.mark.parametrize("model_name", ["ArticlePage", "FaqPage", "GuidePage"])
def test_the_owner_audiences_and_review_date_have_their_own_tab(model_name):
    from samspill.knowledge import models

    tabs = _tab_fields(getattr(models, model_name))
    assert list(tabs)[:2] == ["Content", "Ownership and review"]
    assert OWNERSHIP_FIELDS | {"review_interval"} <= tabs["Ownership and review"]
    assert not OWNERSHIP_FIELDS & tabs["Promote"]


def test_an_article_saves_unchanged_from_its_editor_with_the_ownership_tab(
    client, org_editor, tree
):
    from tests.core.admin_forms import save_unchanged

    client.force_login(org_editor)
    url = f"/admin/pages/{tree['mine'].pk}/edit/"
    html = client.get(url).content.decode()
    # The tab, in the admin's bokmål.
    assert re.search(r'role="tab"[^>]*>\s*(<[^>]+>\s*)*Eierskap og kontroll', html)
    before = ArticlePage.objects.get(pk=tree["mine"].pk)
    save_unchanged(client, url, ArticlePage)
    after = ArticlePage.objects.get(pk=tree["mine"].pk).get_latest_revision_as_object()
    assert after.organisation_id == before.organisation_id
    assert after.last_reviewed == before.last_reviewed
