"""What every page pays before its own work: the Site, the hub settings, the site root paths and
the knowledge index's address come from this process's memory (core.versions) instead of a query
each, and a change through any path shows on the next request."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.test import RequestFactory
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from samspill.core import permissions, selectors
from samspill.core.models import HubSettings, Membership, User
from samspill.knowledge.models import KnowledgeIndexPage
from tests.core.factories import StandardPageFactory, UserFactory


def _page_queries(captured) -> list[str]:
    """The queries of a page other than the cache's (the versions' one round trip)."""
    return [q["sql"] for q in captured if "samspill_cache" not in q["sql"]]


@pytest.mark.django_db
def test_the_site_is_the_one_wagtail_finds_for_every_host_and_port(home_page):
    root = home_page
    Site.objects.create(hostname="hub.example.org", port=80, root_page=root)
    Site.objects.create(hostname="hub.example.org", port=8080, root_page=root)
    Site.objects.create(hostname="other.example.org", port=443, root_page=root)
    Site.objects.create(hostname="twin.example.org", port=81, root_page=root)
    Site.objects.create(hostname="twin.example.org", port=82, root_page=root)
    factory = RequestFactory()
    for host in ("localhost", "hub.example.org", "other.example.org", "twin.example.org", "x.org"):
        for port in ("80", "443", "8080", "81", "9999"):
            request = factory.get(
                "/", HTTP_HOST=f"{host}:{port}" if port != "80" else host, SERVER_PORT=port
            )
            try:
                expected = get_site_for_hostname(host, port).pk
            except Site.DoesNotExist:
                expected = None
            found = selectors.site_for_request(request)
            assert (found.pk if found else None) == expected, (host, port)
            assert Site.find_for_request(request) is found  # where Wagtail looks


@pytest.mark.django_db
def test_site_settings_and_root_paths_cost_no_query_until_they_change(client, home_page, queries):
    client.get("/organisasjoner/")  # fills the process's memos
    with queries() as captured:
        response = client.get("/organisasjoner/")
    sql = " ".join(_page_queries(captured.captured_queries))
    assert "wagtailcore_site" not in sql
    assert "core_hubsettings" not in sql
    assert response.status_code == 200

    # A change through the ORM (as the admin's settings screen saves it) shows at once.
    settings = HubSettings.objects.get()
    settings.tagline = "Musikk for alle"
    settings.save()
    assert "Musikk for alle" in client.get("/organisasjoner/").content.decode()
    HubSettings.objects.update(tagline="Musikk for noen")  # no signal, no save()
    assert "Musikk for noen" in client.get("/organisasjoner/").content.decode()
    Site.objects.filter(is_default_site=True).update(site_name="Musikkhuben Vest")
    html = client.get("/organisasjoner/").content.decode()
    assert "Musikkhuben Vest" in html


@pytest.mark.django_db
def test_a_renamed_or_retitled_footer_page_shows_on_the_next_request(client, home_page):
    client.get("/organisasjoner/")
    privacy = HubSettings.objects.get().privacy_page.specific
    privacy.slug = "p"
    privacy.save()
    html = client.get("/organisasjoner/").content.decode()
    assert 'href="/p/"' in html
    # Another page chosen in the settings.
    other = StandardPageFactory(parent=home_page, title="Vilkår", slug="vilkar")
    HubSettings.objects.update(privacy_page=other)
    assert 'href="/vilkar/"' in client.get("/organisasjoner/").content.decode()


@pytest.mark.django_db
def test_each_request_gets_its_own_copies(rf, home_page):
    first, second = rf.get("/"), rf.get("/")
    assert selectors.site_for_request(first) is not selectors.site_for_request(second)
    hub = selectors.hub_for_request(first)
    assert hub is selectors.hub_for_request(first)  # once per request
    assert hub["settings"] is not selectors.hub_for_request(second)["settings"]
    assert HubSettings.for_request(first) is hub["settings"]  # where Wagtail looks


@pytest.mark.django_db
def test_the_knowledge_index_address_follows_a_new_index(client, home_page):
    from samspill.knowledge import selectors as knowledge_selectors

    assert knowledge_selectors.knowledge_index_url() is None
    index = KnowledgeIndexPage(title="Kunnskap", slug="kunnskap")
    home_page.add_child(instance=index)
    assert knowledge_selectors.knowledge_index_url() == "/kunnskap/"
    index.unpublish()
    assert knowledge_selectors.knowledge_index_url() is None


def _access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.mark.django_db
def test_may_open_admin_is_has_perm_for_every_way_of_having_it(
    hub_admin, org_admin, org_editor, org_member, user
):
    direct = UserFactory(email="direkte@example.org")
    direct.user_permissions.add(_access_admin())
    grouped = UserFactory(email="gruppe@example.org")
    group = Group.objects.create(name="Redaksjonen")
    group.permissions.add(_access_admin())
    grouped.groups.add(group)
    inactive = UserFactory(email="borte@example.org", is_superuser=True, is_active=False)
    people = [hub_admin, org_admin, org_editor, org_member, user, direct, grouped, inactive]
    expected = [True, True, True, False, False, True, True, False]

    def fresh(person):  # a new user object, as each request has
        return User.objects.get(pk=person.pk)

    assert [fresh(p).has_perm("wagtailadmin.access_admin") for p in people] == expected
    assert [permissions.may_open_admin(fresh(p)) for p in people] == expected
    assert not permissions.may_open_admin(AnonymousUser())

    # Revoked (a group's permission, a person's, a membership): applies at once.
    group.permissions.remove(_access_admin())
    direct.user_permissions.clear()
    Membership.objects.filter(user=org_editor).update(role="member")
    after = [True, True, False, False, False, False, False, False]
    assert [fresh(p).has_perm("wagtailadmin.access_admin") for p in people] == after
    assert [permissions.may_open_admin(fresh(p)) for p in people] == after


@pytest.mark.django_db
def test_the_header_admin_link_costs_no_permission_query_and_follows_a_revoke(
    client, home_page, user, queries
):
    group = Group.objects.create(name="Redaksjonen")
    group.permissions.add(_access_admin())
    user.groups.add(group)
    client.force_login(user)
    assert 'href="/admin/"' in client.get("/organisasjoner/").content.decode()
    with queries() as captured:
        html = client.get("/organisasjoner/").content.decode()
    assert 'href="/admin/"' in html
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "auth_permission" not in sql and "auth_group" not in sql
    user.groups.remove(group)
    assert 'href="/admin/"' not in client.get("/organisasjoner/").content.decode()


def test_people_and_hub_settings_are_versioned_apart_from_core():
    """Groups and permissions are their own, the hub settings go with the Site: an organisation
    or a person written (core, people) does not make every page read them again."""
    from samspill.core import versions

    tables = versions.table_namespaces()
    assert tables["core_user"] == "people"
    assert tables["core_user_groups"] == tables["core_user_user_permissions"] == "permissions"
    assert tables["auth_group"] == tables["auth_group_permissions"] == "permissions"
    assert tables["core_hubsettings"] == tables["wagtailcore_site"] == "wagtail"
    assert tables["core_organisation"] == tables["core_membership"] == "core"
