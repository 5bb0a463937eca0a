import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from samspill.core.models import Membership, Municipality, Organisation, Region
from tests.core.factories import (
    AudienceFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_organisation_clean_normalises_and_checks_the_org_number():
    organisation = OrganisationFactory.build(
        country="NO", org_number="NO 123 456 785 MVA", municipality=None
    )
    organisation.full_clean()
    assert organisation.org_number == "123456785"
    assert organisation.org_number_display == "123 456 785"


def test_organisation_with_invalid_org_number_is_refused_with_a_message_on_the_field():
    organisation = OrganisationFactory.build(country="DK", org_number="24256791", municipality=None)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "org_number" in error.value.message_dict
    assert "CVR" in error.value.message_dict["org_number"][0]


def test_municipality_must_be_in_the_organisations_country():
    bergen = MunicipalityFactory()
    organisation = OrganisationFactory.build(country="DK", municipality=bergen)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "municipality" in error.value.message_dict


def test_database_refuses_two_organisations_with_the_same_number_in_one_country():
    OrganisationFactory(country="NO", org_number="123456785")
    OrganisationFactory(country="NO", org_number="")
    OrganisationFactory(country="NO", org_number="")  # empty numbers do not collide
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(country="NO", org_number="123456785")


def test_database_refuses_a_second_membership_of_the_same_person():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=membership.user, organisation=membership.organisation, role="editor"
        )


def test_database_refuses_an_unknown_role():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(role="owner")


@pytest.mark.parametrize(
    ("country", "code", "ok"),
    [("NO", "4699", True), ("NO", "469", False), ("DK", "199", True), ("DK", "0199", False)],
)
def test_municipality_codes_follow_the_official_format(country, code, ok):
    # The official lists are loaded (a migration); these codes are free.
    region = Region.objects.get(country=country, code="46" if country == "NO" else "1084")
    if ok:
        Municipality.objects.create(country=country, code=code, name="M", region=region)
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(country=country, code=code, name="M", region=region)


def test_region_codes_follow_the_official_format():
    Region.objects.create(country="NO", code="99", name="Nytt fylke")
    Region.objects.create(country="DK", code="1089", name="Ny region")
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(country="NO", code="3", name="Feil")
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(country="NO", code="03", name="Oslo")  # there is one already


def test_taxonomy_term_label_follows_the_active_language():
    audience = AudienceFactory(name_nb="Selvstendig", name_da="Selvstændig", name_en="")
    with translation.override("da"):
        assert audience.label == "Selvstændig"
    with translation.override("en"):
        assert audience.label == "Selvstendig"  # falls back to bokmål when a name is missing
    with translation.override("nb"):
        assert str(audience) == "Selvstendig"


def test_email_is_unique_whatever_its_case():
    UserFactory(email="kari@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="KARI@example.org")


def test_public_queryset_hides_unlisted_organisations():
    shown = OrganisationFactory(is_public=True)
    OrganisationFactory(is_public=False)
    assert list(Organisation.objects.public()) == [shown]
