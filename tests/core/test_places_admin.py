"""The admin's places: hub admins see every municipality with its former codes, in a bounded
number of queries; nobody else may open or change them, whatever group permissions they carry."""

import pytest
from django.contrib.auth.models import Group, Permission

from samspill.core.models import Municipality, MunicipalityFormerCode

pytestmark = pytest.mark.django_db


def test_the_municipality_list_shows_former_codes_in_bounded_queries(client, hub_admin, queries):
    narvik = Municipality.objects.get(country="NO", code="1806")
    MunicipalityFormerCode.objects.create(
        municipality=narvik, country="NO", code="1805", name="Narvik", valid_until="2019-12-31"
    )
    client.force_login(hub_admin)
    client.get("/admin/municipalities/")  # warm the admin's caches
    with queries(at_most=25):
        response = client.get("/admin/municipalities/", {"q": "Narvik"})
    assert response.status_code == 200
    assert "1805 Narvik" in response.content.decode()
    small = queries.count(lambda: client.get("/admin/municipalities/", {"q": "Narvik"}))
    large = queries.count(lambda: client.get("/admin/municipalities/", {"country": "NO"}))
    assert large <= small + 2  # a page of many rows costs what a page of one does
    assert client.get("/admin/former_municipality_codes/").status_code == 200


def test_only_hub_admins_edit_places(client, org_admin):
    group = Group.objects.create(name="Stedsredaktører")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="core",
            codename__in=["change_municipality", "add_municipality", "change_region"],
        )
    )
    org_admin.groups.add(group)
    org_admin.is_staff = True
    org_admin.save()
    client.force_login(org_admin)
    bergen = Municipality.objects.get(country="NO", code="4601")
    for path in (
        "/admin/municipalities/",
        f"/admin/municipalities/edit/{bergen.pk}/",
        "/admin/regions/",
        "/admin/former_municipality_codes/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path
    response = client.post(
        f"/admin/municipalities/edit/{bergen.pk}/",
        {"country": "NO", "code": "4601", "name": "Bjørgvin", "sort_name": "", "region": ""},
    )
    assert response.status_code in (302, 403)
    bergen.refresh_from_db()
    assert bergen.name == "Bergen"
