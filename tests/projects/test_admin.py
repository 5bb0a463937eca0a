"""The projects admin: programmes with themes, projects with their inline rows, who edits which
project, input from events, and a bounded number of queries on the project form (the ideas' admin
is tested in `tests.ideas.test_admin`)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from samspill.projects.models import EventInput, Programme, Project
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.events.factories import EventFactory
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project, municipality

pytestmark = pytest.mark.django_db


def login(client, user):
    """Sign in with the admin in English (the strings below are the English source strings)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def assert_refused(response):
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


def form_errors(response):
    """The form's errors, with its inline formsets', for assertion messages."""
    form = response.context and response.context.get("form")
    if not form:
        return form_errors(response)
    errors = {"form": form.errors, "messages": [str(m) for m in response.context["messages"]]}
    for name, formset in getattr(form, "formsets", {}).items():
        errors[name] = [formset.non_form_errors(), *[f.errors for f in formset.forms]]
    return errors


def editor_of(organisation):
    return MembershipFactory(organisation=organisation, role="editor").user


# --- Programmes -----------------------------------------------------------------------------------


def theme_row(nb, da="", en="", description="", slug=""):
    return {"name_nb": nb, "name_da": da, "name_en": en, "slug": slug, "description": description}


def programme_form_data(secretariat, **overrides):
    albertslund = municipality("165", "Albertslund")
    data = nested_form_data(
        {
            "themes": inline_formset(
                [
                    theme_row("Talentutvikling", "Talentudvikling", "Talent", "Unge talenter."),
                    theme_row("Spillesteder", en="Venues"),
                ]
            )
        }
    )
    data.update(
        {
            "name": "Musikmetropolen",
            "slug": "musikmetropolen",
            "lead": "Et sammenhængende musikmetropol.",
            "vision": "Lokal, national og international gennemslagskraft.",
            "body": rich_text("<p>Et <b>samarbejde</b>.</p>"),
            "starts_on": "2016-04-08",
            "ends_on": "2020-12-31",
            "municipalities": [albertslund.pk],
            "secretariat": secretariat.pk,
            "secretariat_contact": "Sekretariatet, Roskilde",
            "is_published": "on",
        }
    )
    data.update(overrides)
    return data


def test_a_hub_admin_creates_a_programme_with_themes(client, hub_admin, organisation):
    login(client, hub_admin)
    assert client.get("/admin/programmes/new/").status_code == 200
    response = client.post("/admin/programmes/new/", programme_form_data(organisation))
    assert response.status_code == 302, form_errors(response)
    programme = Programme.objects.get(slug="musikmetropolen")
    assert programme.secretariat == organisation
    assert "<b>samarbejde</b>" in programme.body
    themes = list(programme.themes.order_by("sort_order"))
    assert [(t.name_nb, t.name_en, t.slug) for t in themes] == [
        ("Talentutvikling", "Talent", "talent"),
        ("Spillesteder", "Venues", "venues"),
    ]
    assert ModelLogEntry.objects.filter(
        action="projects.programme.created", object_id=str(programme.pk), user_id=hub_admin.pk
    ).exists()
    # Editing renames a theme and keeps the other.
    assert client.get(f"/admin/programmes/edit/{programme.pk}/").status_code == 200
    data = nested_form_data(
        {
            "themes": inline_formset(
                [
                    {
                        **theme_row("Talent og karriere", en="Talent", slug="talent"),
                        "id": themes[0].pk,
                    },
                    {**theme_row("Spillesteder", en="Venues", slug="venues"), "id": themes[1].pk},
                ],
                initial=2,
            )
        }
    )
    data.update({k: v for k, v in programme_form_data(organisation).items() if "themes" not in k})
    response = client.post(f"/admin/programmes/edit/{programme.pk}/", data)
    assert response.status_code == 302, form_errors(response)
    themes[0].refresh_from_db()
    assert themes[0].name_nb == "Talent og karriere"
    assert programme.themes.count() == 2


def test_a_secretariat_editor_edits_their_programme_but_creates_none(client, organisation):
    programme = make_programme(secretariat=organisation)
    other = make_programme(slug="annet", name="Annet program")
    editor = editor_of(organisation)
    login(client, editor)
    html = client.get("/admin/programmes/").content.decode()
    assert "Musikmetropolen" in html
    assert "Annet program" not in html
    assert client.get(f"/admin/programmes/edit/{programme.pk}/").status_code == 200
    assert_refused(client.get(f"/admin/programmes/edit/{other.pk}/"))
    assert_refused(client.get("/admin/programmes/new/"))
    assert_refused(client.post(f"/admin/programmes/delete/{programme.pk}/"))
    assert Programme.objects.filter(pk=programme.pk).exists()


# --- Projects -------------------------------------------------------------------------------------


def project_form_data(programme, lead, themes, **overrides):
    data = nested_form_data(
        {
            "funding": inline_formset(
                [
                    {
                        "source": "Statens Kunstfond",
                        "organisation": "",
                        "amount": "250000",
                        "currency": "DKK",
                    }
                ]
            ),
            "milestones": inline_formset(
                [
                    {"title": "Camp 1", "due_on": "2018-05-01", "progress": "100"},
                    {"title": "Camp 2", "due_on": "2018-10-01", "progress": "40"},
                ]
            ),
            "results": inline_formset(
                [{"title": "Nye sange", "description": "", "figure": "24", "unit": "sange"}]
            ),
            "videos": inline_formset(
                [{"title": "Fra campen", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}]
            ),
            "documents": inline_formset([]),
        }
    )
    data.update(
        {
            "programme": programme.pk,
            "title": "Sangskrivercamp",
            "slug": "",
            "summary": "Unge sangskrivere skriver sammen.",
            "body": rich_text("<p>Historien.</p>"),
            "themes": [t.pk for t in themes],
            "status": "running",
            "is_published": "on",
            "starts_on": "2018-03-01",
            "ends_on": "2019-06-30",
            "lead_organisation": lead.pk,
            "partners": [],
            "municipalities": [m.pk for m in programme.municipalities.all()],
            "participants": "120",
            "related_events": [],
            "related_surveys": [],
        }
    )
    data.update(overrides)
    return data


def test_a_hub_admin_creates_a_project_with_inline_rows(client, hub_admin, organisation):
    programme = make_programme()
    login(client, hub_admin)
    assert client.get("/admin/projects/new/").status_code == 200
    theme = programme.themes.get(slug="talent")
    response = client.post(
        "/admin/projects/new/", project_form_data(programme, organisation, [theme])
    )
    assert response.status_code == 302, form_errors(response)
    project = Project.objects.get(title="Sangskrivercamp")
    assert project.slug == "sangskrivercamp"
    assert list(project.themes.all()) == [theme]
    assert project.lead_organisation == organisation
    assert project.participants == 120
    assert [m.progress for m in project.milestones.order_by("sort_order")] == [100, 40]
    assert project.progress == 70
    assert project.funding.get().amount == 250000
    assert project.results.get().figure == 24
    assert project.videos.count() == 1
    assert ModelLogEntry.objects.filter(
        action="projects.project.created", object_id=str(project.pk), user_id=hub_admin.pk
    ).exists()
    assert client.get(f"/admin/projects/edit/{project.pk}/").status_code == 200


def test_a_project_needs_a_theme_of_its_own_programme(client, hub_admin, organisation):
    programme = make_programme()
    other = make_programme(slug="annet", name="Annet program")
    login(client, hub_admin)
    response = client.post("/admin/projects/new/", project_form_data(programme, organisation, []))
    assert response.status_code == 200
    foreign = other.themes.first()
    response = client.post(
        "/admin/projects/new/", project_form_data(programme, organisation, [foreign])
    )
    assert response.status_code == 200
    assert "Choose themes of the project&#x27;s own programme." in response.content.decode()
    assert not Project.objects.exists()


def test_a_lead_organisation_editor_edits_their_project_but_not_another(
    client, org_editor, organisation
):
    programme = make_programme()
    own = make_project(programme, title="Vårt prosjekt", lead=organisation)
    foreign = make_project(programme, title="Fremmed prosjekt")
    login(client, org_editor)
    html = client.get("/admin/projects/").content.decode()
    assert "Vårt prosjekt" in html
    assert "Fremmed prosjekt" not in html
    page = client.get(f"/admin/projects/edit/{own.pk}/").content.decode()
    leads = page[page.index('name="lead_organisation"') :]
    leads = leads[: leads.index("</select>")]
    assert organisation.name in leads
    assert foreign.lead_organisation.name not in leads  # not a lead organisation they may pick
    theme = programme.themes.get(slug="venues")
    data = project_form_data(
        programme, organisation, [theme], title="Vårt prosjekt 2", slug=own.slug
    )
    response = client.post(f"/admin/projects/edit/{own.pk}/", data)
    assert response.status_code == 302, form_errors(response)
    own.refresh_from_db()
    assert own.title == "Vårt prosjekt 2"
    assert list(own.themes.all()) == [theme]

    assert_refused(client.get(f"/admin/projects/edit/{foreign.pk}/"))
    data = project_form_data(programme, organisation, [theme], title="Kapret", slug=foreign.slug)
    assert_refused(client.post(f"/admin/projects/edit/{foreign.pk}/", data))
    assert_refused(client.post(f"/admin/projects/delete/{foreign.pk}/"))
    foreign.refresh_from_db()
    assert foreign.title == "Fremmed prosjekt"

    # Nor can they hand a new project to an organisation they do not edit.
    data = project_form_data(programme, foreign.lead_organisation, [theme], title="Snik")
    response = client.post("/admin/projects/new/", data)
    assert response.status_code == 200
    assert not Project.objects.filter(title="Snik").exists()


def test_a_secretariat_editor_edits_every_project_of_the_programme(client, organisation):
    programme = make_programme(secretariat=organisation)
    project = make_project(programme, title="Andres prosjekt")
    elsewhere = make_project(make_programme(slug="annet", name="Annet"), title="Annet prosjekt")
    login(client, editor_of(organisation))
    html = client.get("/admin/projects/").content.decode()
    assert "Andres prosjekt" in html
    assert "Annet prosjekt" not in html
    assert client.get(f"/admin/projects/edit/{project.pk}/").status_code == 200
    assert_refused(client.get(f"/admin/projects/edit/{elsewhere.pk}/"))


def test_a_project_is_deleted_through_the_service(client, org_editor, organisation):
    project = make_project(make_programme(), lead=organisation)
    login(client, org_editor)
    response = client.post(f"/admin/projects/delete/{project.pk}/")
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert ModelLogEntry.objects.filter(
        action="projects.project.deleted", object_id=str(project.pk)
    ).exists()


def test_the_project_index_filters_by_programme_status_and_theme(client, hub_admin):
    programme = make_programme()
    talent, venues = programme.themes.get(slug="talent"), programme.themes.get(slug="venues")
    make_project(programme, title="Talentcamp", themes=[talent])
    make_project(programme, title="Scenebygg", themes=[venues], status="planned")
    login(client, hub_admin)
    html = client.get(f"/admin/projects/?themes={venues.pk}").content.decode()
    assert "Scenebygg" in html and "Talentcamp" not in html
    html = client.get("/admin/projects/?status=running").content.decode()
    assert "Talentcamp" in html and "Scenebygg" not in html


@pytest.mark.parametrize("who", ["org_member", "user"])
def test_members_and_strangers_get_no_projects(client, organisation, request, who):
    project = make_project(make_programme(secretariat=organisation), lead=organisation)
    idea = make_idea(project.programme)
    person = request.getfixturevalue(who)
    person.is_staff = True
    person.save()
    login(client, person)
    for url in (
        "/admin/projects/",
        "/admin/projects/new/",
        f"/admin/projects/edit/{project.pk}/",
        "/admin/programmes/",
        "/admin/ideas/",
        f"/admin/ideas/edit/{idea.pk}/",
        "/admin/comment-reports/",
        "/admin/event-input/",
    ):
        assert_refused(client.get(url))


# --- Input from events ----------------------------------------------------------------------------


def test_input_from_a_workshop_is_linked_to_the_programme(client, hub_admin):
    programme = make_programme()
    workshop = EventFactory(kind="workshop", title="Verksted")
    concert = EventFactory(kind="gathering", title="Konsert")
    login(client, hub_admin)
    page = client.get("/admin/event-input/new/").content.decode()
    assert "Verksted" in page and "Konsert" not in page
    response = client.post(
        "/admin/event-input/new/",
        {"programme": programme.pk, "event": workshop.pk, "survey": "", "note": "Mange idéer."},
    )
    assert response.status_code == 302, form_errors(response)
    assert EventInput.objects.get().event == workshop
    assert concert.pk  # offered nowhere
    assert "Verksted" in client.get("/admin/event-input/").content.decode()
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="projects.input.created").count() == 1
    link = EventInput.objects.get()
    response = client.post(f"/admin/event-input/delete/{link.pk}/")
    assert response.status_code == 302
    assert not EventInput.objects.exists()
    assert ModelLogEntry.objects.filter(action="projects.input.deleted").count() == 1


# --- Bounded queries ------------------------------------------------------------------------------


def test_project_edit_form_runs_a_bounded_number_of_queries(client, hub_admin, queries):
    programme = make_programme()
    project = make_project(programme)
    login(client, hub_admin)
    url = f"/admin/projects/edit/{project.pk}/"
    assert client.get(url).status_code == 200
    few = queries.count(lambda: client.get(url))
    for i in range(4):
        document = get_document_model().objects.create(
            title=f"Rapport {i}", file=ContentFile(b"%PDF-1.4", name=f"rapport-{i}.pdf")
        )
        project.documents.create(document=document)
        project.videos.create(title=f"Video {i}", url="https://vimeo.com/76979871")
        project.milestones.create(title=f"Steg {i}", progress=10 * i)
        project.funding.create(source=f"Fond {i}", amount=1000)
        project.results.create(title=f"Resultat {i}")
    assert client.get(url).status_code == 200
    many = queries.count(lambda: client.get(url))
    assert many == few


def test_a_programme_with_projects_is_not_deleted(client, hub_admin):
    programme = make_programme()
    make_project(programme)
    empty = make_programme(slug="tomt", name="Tomt program")
    login(client, hub_admin)
    response = client.post(f"/admin/programmes/delete/{programme.pk}/")
    assert response.status_code in (302, 403)
    assert Programme.objects.filter(pk=programme.pk).exists()
    response = client.post(f"/admin/programmes/delete/{empty.pk}/")
    assert response.status_code == 302
    assert not Programme.objects.filter(pk=empty.pk).exists()


def test_a_secretariat_editor_registers_a_project_led_by_another_organisation(client, organisation):
    programme = make_programme(secretariat=organisation)
    other_programme = make_programme(slug="annet", name="Annet program", is_published=False)
    lead = OrganisationFactory(name="Spillestedet", country="DK", municipality=None)
    login(client, editor_of(organisation))
    form = client.get("/admin/projects/new/").content.decode()
    assert "Spillestedet" in form
    assert "Annet program" not in form  # neither theirs nor published
    theme = programme.themes.first()
    response = client.post("/admin/projects/new/", project_form_data(programme, lead, [theme]))
    assert response.status_code == 302, form_errors(response)
    assert Project.objects.get(title="Sangskrivercamp").lead_organisation == lead
    data = project_form_data(
        other_programme, lead, [other_programme.themes.first()], title="Utenfor"
    )
    assert client.post("/admin/projects/new/", data).status_code == 200
    assert not Project.objects.filter(title="Utenfor").exists()
