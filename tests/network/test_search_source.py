"""Organisations and people in the hub's search: listed and approved organisations only; people
only when they chose to be listed, and only with what they chose to show."""

import pytest

from samspill.core import services as core_services
from samspill.network import services
from samspill.network.models import Approval, OrganisationProfile
from tests.answers.source_checks import (
    assert_findable,
    committed,
    found,
    passages,
    rebuild_queries,
)
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.network.factories import category

pytestmark = pytest.mark.django_db


def test_a_listed_organisation_is_found_by_name_with_its_needs_and_offers():
    with committed():
        venue = OrganisationFactory(
            name="Havnescenen", kind="venue", summary="Konsertscene ved havna."
        )
    with committed():
        services.needs_offers_set(
            actor=None,
            organisation=venue,
            needs={category("booking").pk: "Vi ser etter bookingbyrå for vinteren."},
            offers={category("rehearsal-space").pk: ""},
        )
    answer_id = f"organisation-{venue.pk}"
    assert_findable("Havnescenen", answer_id, "organisation")
    (passage,) = passages(answer_id)
    assert passage.url == f"/nettverk/{venue.slug}/"
    assert "Spillested." in passage.text and "Bergen" in passage.text
    assert "Booking: Vi ser etter bookingbyrå for vinteren" in passage.text
    assert ".." not in passage.text and ".;" not in passage.text  # items lose their own stop
    assert "Øvingslokaler" in passage.text
    assert found("øvingslokaler Bergen", answer_id)


def test_a_danish_organisation_reads_in_danish():
    with committed():
        studio = OrganisationFactory(name="Lydværket", country="DK", municipality=None)
    (passage,) = passages(f"organisation-{studio.pk}")
    assert passage.language == "da"


def test_unlisted_pending_and_declined_organisations_are_never_indexed(user, hub_admin):
    with committed():
        unlisted = OrganisationFactory(name="Skjult Forlag", is_public=False)
        submitted = services.organisation_submit(
            actor=user, name="Venter Records", kind="label", country="NO"
        )
        pending_but_public = OrganisationFactory(name="Ventende Scene")
        OrganisationProfile.objects.create(
            organisation=pending_but_public, approval=Approval.PENDING
        )
    for organisation in (unlisted, submitted, pending_but_public):
        assert passages(f"organisation-{organisation.pk}") == []
    assert not found("Venter Records", f"organisation-{submitted.pk}")
    # Approval lists it; unlisting removes it again.
    with committed():
        services.organisation_approve(actor=hub_admin, organisation=submitted)
    assert_findable("Venter Records", f"organisation-{submitted.pk}", "organisation")
    with committed():
        submitted.refresh_from_db()
        submitted.is_public = False
        submitted.save()
    assert passages(f"organisation-{submitted.pk}") == []


def test_a_listed_person_shows_only_what_they_chose():
    organisation = OrganisationFactory(name="Nordlys Booking")
    person = UserFactory(name="Ingrid Solberg", title="Bookingansvarlig", bio="Jeg elsker jazz.")
    MembershipFactory(user=person, organisation=organisation)
    with committed():
        core_services.user_update_profile(user=person, is_listed=True)
    answer_id = f"person-{person.pk}"
    assert_findable("Ingrid Solberg", answer_id, "person")
    (passage,) = passages(answer_id)
    assert "Nordlys Booking" in passage.text
    assert "Bookingansvarlig" not in passage.text and "jazz" not in passage.text
    assert passage.url == f"/nettverk/personer/{person.pk}/"
    with committed():
        core_services.user_update_profile(user=person, show_title=True, show_bio=True)
    (passage,) = passages(answer_id)
    assert "Bookingansvarlig" in passage.text and "jazz" in passage.text


def test_a_private_person_is_never_indexed_and_unlisting_removes_one():
    with committed():
        private = UserFactory(name="Privat Person", is_listed=False)
        listed = UserFactory(name="Synlig Person", is_listed=True)
    assert passages(f"person-{private.pk}") == []
    assert passages(f"person-{listed.pk}")
    with committed():
        core_services.user_update_profile(user=listed, is_listed=False)
    assert passages(f"person-{listed.pk}") == []
    assert not found("Synlig Person", f"person-{listed.pk}")


def test_an_organisation_renamed_reindexes_its_listed_people():
    organisation = OrganisationFactory(name="Gamle Lyd")
    person = UserFactory(name="Per Hansen", is_listed=True)
    with committed():
        MembershipFactory(user=person, organisation=organisation)
    assert "Gamle Lyd" in passages(f"person-{person.pk}")[0].text
    with committed():
        organisation.name = "Nye Lyd"
        organisation.save()
    assert "Nye Lyd" in passages(f"person-{person.pk}")[0].text
    # An organisation that stops being listed is no longer named on its people.
    with committed():
        organisation.is_public = False
        organisation.save()
    assert "Nye Lyd" not in passages(f"person-{person.pk}")[0].text


def test_reading_organisations_and_people_for_a_rebuild_does_not_grow(queries):
    def add(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            services.needs_offers_set(
                actor=None,
                organisation=organisation,
                needs={category("booking").pk: "x"},
                offers={},
            )
            MembershipFactory(organisation=organisation, user=UserFactory(is_listed=True))

    add(2)
    organisations, people = (
        rebuild_queries(queries, "network.organisation"),
        rebuild_queries(queries, "network.person"),
    )
    add(5)
    assert rebuild_queries(queries, "network.organisation") == organisations
    assert rebuild_queries(queries, "network.person") == people
