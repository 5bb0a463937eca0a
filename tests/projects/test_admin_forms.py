"""Every form of the projects and ideas admin, as a browser uses it: opened, then sent back with
its own initial data (unchanged, or with partners and the other choices added). Each saves."""

import pytest
from django.http import QueryDict
from wagtail.test.utils.form_data import querydict_from_html

from samspill.projects.models import EventInput, Programme, Project
from tests.core.factories import OrganisationFactory
from tests.events.factories import EventFactory
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project
from tests.projects.test_admin import editor_of, form_errors, login

pytestmark = pytest.mark.django_db

CHECKBOXES = ("is_published",)


def browser_data(response, form_id: str | None = "w-editor-form") -> dict:
    """What the browser sends for the form on the page, untouched (a ticked checkbox without a
    value attribute goes as "on"); as lists, since the test client keeps only the last value of
    each key of a QueryDict."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id=form_id) if form_id else _first_post_form(html)
    for name in CHECKBOXES:
        if name in data and data[name] in ("", None):
            data[name] = "on"
    return {key: data.getlist(key) for key in data}


def _first_post_form(html: str) -> QueryDict:
    return querydict_from_html(html, form_index=0)


def row(model, pk) -> dict:
    """The stored fields that an unchanged save must leave as they were (an empty rich text
    comes back from the editor as an empty paragraph: the same text)."""
    values = model.objects.filter(pk=pk).values().get()
    values.pop("updated_at", None)
    if values.get("body") in ("", "<p></p>"):
        values["body"] = ""
    return values


def post_form(client, url, changes=None, form_id="w-editor-form"):
    data = browser_data(client.get(url), form_id)
    data.update(changes or {})
    return client.post(url, data)


# --- Programmes -----------------------------------------------------------------------------------


def test_a_programme_saves_unchanged_from_its_own_form(client, hub_admin):
    programme = make_programme()
    login(client, hub_admin)
    before = row(Programme, programme.pk)
    themes = list(programme.themes.values_list("pk", "slug"))
    response = post_form(client, f"/admin/programmes/edit/{programme.pk}/")
    assert response.status_code == 302, form_errors(response)
    assert row(Programme, programme.pk) == before
    assert list(programme.themes.values_list("pk", "slug")) == themes


def test_a_new_programme_is_created_from_the_empty_form(client, hub_admin, organisation):
    login(client, hub_admin)
    response = post_form(
        client,
        "/admin/programmes/new/",
        {
            "name": ["Lydbyen"],
            "slug": ["lydbyen"],
            "lead": ["Kort om programmet."],
            "vision": ["En visjon."],
            "starts_on": ["2024-01-01"],
            "secretariat": [str(organisation.pk)],
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert Programme.objects.get(slug="lydbyen").secretariat == organisation


# --- Projects -------------------------------------------------------------------------------------


def test_a_project_saves_unchanged_from_its_own_form(client, hub_admin):
    programme = make_programme()
    partner = OrganisationFactory(name="Partneren")
    project = make_project(programme, partners=[partner])
    login(client, hub_admin)
    before = row(Project, project.pk)
    response = post_form(client, f"/admin/projects/edit/{project.pk}/")
    assert response.status_code == 302, form_errors(response)
    assert row(Project, project.pk) == before
    assert [p.pk for p in project.partners.all()] == [partner.pk]
    assert project.themes.count() == 1


def test_partners_are_added_to_a_project_in_the_admin(client, hub_admin):
    programme = make_programme()
    project = make_project(programme)
    first, second = OrganisationFactory(name="Aarhus Lyd"), OrganisationFactory(name="Bergen Bass")
    login(client, hub_admin)
    response = post_form(
        client,
        f"/admin/projects/edit/{project.pk}/",
        {"partners": [str(first.pk), str(second.pk)]},
    )
    assert response.status_code == 302, form_errors(response)
    assert sorted(p.pk for p in Project.objects.get(pk=project.pk).partners.all()) == sorted(
        [first.pk, second.pk]
    )


def test_a_new_project_with_partners_is_created_from_the_empty_form(client, hub_admin):
    programme = make_programme()
    lead, partner = OrganisationFactory(name="Leder"), OrganisationFactory(name="Partner")
    event = EventFactory()
    theme = programme.themes.first()
    login(client, hub_admin)
    response = post_form(
        client,
        "/admin/projects/new/",
        {
            "programme": [str(programme.pk)],
            "title": ["Sangskrivercamp"],
            "summary": ["Unge sangskrivere skriver sammen."],
            "themes": [str(theme.pk)],
            "starts_on": ["2018-03-01"],
            "lead_organisation": [str(lead.pk)],
            "partners": [str(partner.pk)],
            "municipalities": [str(m.pk) for m in programme.municipalities.all()],
            "related_events": [str(event.pk)],
        },
    )
    assert response.status_code == 302, form_errors(response)
    project = Project.objects.get(title="Sangskrivercamp")
    assert [p.pk for p in project.partners.all()] == [partner.pk]
    assert [t.pk for t in project.themes.all()] == [theme.pk]
    assert list(project.related_events.all()) == [event]
    assert project.municipalities.count() == programme.municipalities.count()


def test_a_lead_editor_saves_their_project_unchanged_and_adds_a_partner(client, organisation):
    programme = make_programme(is_published=True)
    project = make_project(programme, lead=organisation)
    partner = OrganisationFactory(name="Partner")
    login(client, editor_of(organisation))
    url = f"/admin/projects/edit/{project.pk}/"
    response = post_form(client, url)
    assert response.status_code == 302, form_errors(response)
    response = post_form(client, url, {"partners": [str(partner.pk)]})
    assert response.status_code == 302, form_errors(response)
    assert [p.pk for p in Project.objects.get(pk=project.pk).partners.all()] == [partner.pk]


# --- Input from events ----------------------------------------------------------------------------


def test_event_input_saves_unchanged_from_its_own_form(client, hub_admin):
    programme = make_programme()
    login(client, hub_admin)
    event = EventFactory(kind="workshop")
    response = post_form(
        client,
        "/admin/event-input/new/",
        {"programme": [str(programme.pk)], "event": [str(event.pk)], "note": ["Fra verkstedet."]},
    )
    assert response.status_code == 302, form_errors(response)
    item = EventInput.objects.get()
    response = post_form(client, f"/admin/event-input/edit/{item.pk}/")
    assert response.status_code == 302, form_errors(response)


@pytest.mark.parametrize("who", ["hub_admin", "secretariat_editor"])
def test_the_site_history_lists_ideas_projects_and_input_in_one_go(
    client, organisation, who, request
):
    """Each row's edit link asks the permission policy about its object: that must not read each
    row's programme (it raised KeyError 'programme' under the N+1 detector)."""
    programme = make_programme(secretariat=organisation)
    user = request.getfixturevalue("hub_admin") if who == "hub_admin" else editor_of(organisation)
    for n in range(3):
        make_idea(programme, title=f"Idé {n}", themes=[programme.themes.first()])
        make_project(programme, title=f"Prosjekt {n}", lead=organisation, actor=user)
    login(client, user)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    if who == "hub_admin":
        assert "Prosjekt 2" in response.content.decode()
