import pytest
from django.core.management import call_command
from wagtail.models import Locale

from samspill.core.models import (
    HomePage,
    Membership,
    Municipality,
    Organisation,
    StandardPage,
    User,
)
from samspill.core.validators import validate_org_number
from samspill.demo import builders
from samspill.demo import core as demo

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, User, Membership, Municipality, HomePage, StandardPage)
    }


def test_demo_builds_the_source_organisations_people_and_pages():
    logins = demo.build()
    names = set(Organisation.objects.values_list("name", flat=True))
    for office in ("Brak", "STAR", "ØKS", "Tempo", "Sørf", "MØST", "RYK"):
        assert office in names
    for partner in ("Music Norway", "by:Larm", "Arena Oslo", "Fono", "Sesong 1", "Kulturrådet"):
        assert partner in names
    assert "Musikkindustriens Næringsråd" in names
    assert Organisation.objects.filter(kind="municipality", country="DK").count() >= 8
    assert User.objects.get(email="admin@samspill.test").is_superuser
    assert any("admin@samspill.test" in line for line in logins)
    home = HomePage.objects.get(locale__language_code="nb")
    # The hub pages of the skeleton (`samspill setup`'s), the knowledge bank's front page and the
    # news index.
    assert StandardPage.objects.child_of(home).count() == 3
    assert home.get_children().count() == 5
    for language in ("da", "en"):
        translation = home.get_translation(Locale.objects.get(language_code=language))
        assert translation.live and translation.get_children().live().count() == 5
    for organisation in Organisation.objects.exclude(org_number=""):
        validate_org_number(organisation.country, organisation.org_number)


def test_demo_is_idempotent_and_keeps_what_editors_changed():
    demo.build()
    before = counts()
    brak = Organisation.objects.get(slug="brak")
    brak.summary = "Endret av en redaktør"
    brak.save()
    admin = User.objects.get(email="admin@samspill.test")
    admin.set_password("a-new-password")
    admin.save()
    demo.build()
    assert counts() == before
    assert Organisation.objects.get(slug="brak").summary == "Endret av en redaktør"
    assert User.objects.get(email="admin@samspill.test").check_password("a-new-password")


def test_demo_command_runs_every_builder_in_order_and_prints_the_logins(capsys, monkeypatch):
    calls = []
    extra = ("test-extra", lambda: calls.append(1) or ["x / y"])
    monkeypatch.setattr(builders, "BUILDERS", [*builders.BUILDERS, extra])
    call_command("demo")
    output = capsys.readouterr().out
    assert calls == [1]
    assert "admin@samspill.test / samspill-admin" in output
    assert "x / y" in output


def test_home_page_lists_registered_sections_and_statistics(client):
    demo.build()
    html = client.get("/").content.decode()
    newest = Organisation.objects.public().order_by("-created_at").first()
    assert newest.name in html
    assert str(Organisation.objects.public().count()) in html


def test_the_demo_hub_has_its_privacy_and_accessibility_statements():
    demo.build()
    privacy = StandardPage.objects.get(locale__language_code="nb", slug="personvern")
    assert "Musikkontorene i Norge (demo)" in privacy.body
    assert 'href="mailto:post@samspill.test"' in privacy.body
    assert "datatilsynet.no" in privacy.body and "datatilsynet.dk" in privacy.body
    assert "[Fyll inn" not in privacy.body and privacy.statement_date is not None
    accessibility = StandardPage.objects.get(locale__language_code="da", slug="tilgjengelighet")
    assert "delvist i overensstemmelse" in accessibility.body
    assert accessibility.assessed_on.isoformat() == "2026-12-07"
