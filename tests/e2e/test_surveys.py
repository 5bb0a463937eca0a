"""Surveys in a real browser: axe-core on the list, the answering pages (with an error, a
condition and a matrix), the confirmation and the results (filtered and cross-tabulated);
answering a survey of two parts by keyboard alone.

`surveys_hub` builds the core demo and the surveys demo: Mustech Norway's mapping with its 320
synthetic responses and public results, and Musikmetropolen's input survey with personal links.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible, assert_no_axe_violations
from tests.e2e.test_knowledge import Findings, tab_until

MAPPING = "/sporreundersokelser/kartlegging-musikkteknologi/"
KEYBOARD_SPEC = [
    ("section", "Om dere", {}),
    ("single", "Hvilken fase er dere i?", {"options": "Idé\nOppstart\nVekst", "required": True}),
    ("yes_no", "Vil dere komme på samlinger?", {"required": True}),
    ("section", "Behov", {}),
    ("scale", "Hvor nyttig er et nettverk?", {"scale_max": 5, "required": True}),
    ("short_text", "Noe mer?", {}),
]


@pytest.fixture
def surveys_hub(hub):
    from samspill.demo import surveys as demo

    demo_snapshot("core+surveys", demo.build)
    return hub


def an_invitation_path() -> str:
    from samspill.surveys.models import Invitation, Survey

    survey = Survey.objects.get(slug="musikmetropolen-input-kommuner")
    unanswered = Invitation.objects.filter(survey=survey, responses__isnull=True).first()
    return f"{survey.get_absolute_url()}?token={unanswered.token}"


def test_survey_pages_have_no_axe_violations(surveys_hub, page):
    from samspill.surveys.models import Survey

    findings = Findings()
    mapping = Survey.objects.get(slug="kartlegging-musikkteknologi")
    stage = mapping.questions.get(text="Hvilken fase er dere i?").key
    kind = mapping.questions.get(text="Hva slags virksomhet er dere?").key
    needs = mapping.questions.get(text="Hva trenger dere mest nå?").key

    def accessible(path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path)

    accessible("/sporreundersokelser/", "the list of surveys")
    accessible(MAPPING, "the first part of a survey")
    with findings.check("a part sent with errors"):
        page.goto(MAPPING)
        page.locator("form[data-survey-form] button[value=next]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert_no_axe_violations(page, "a part with errors")
    with findings.check("the second part, with a matrix"):
        page.goto(MAPPING)
        page.locator(f"select[name={kind}]").select_option("startup")
        page.locator(f"input[name={stage}][value=Seed]").check()
        page.locator("form[data-survey-form] button[value=next]").click()
        page.wait_for_url("**?del=2")
        assert_no_axe_violations(page, "the second part")
    accessible(MAPPING + "resultater/", "public results")
    accessible(MAPPING + f"resultater/?filter={stage}:Seed", "results filtered by an answer")
    accessible(MAPPING + f"resultater/?rad={needs}&kolonne={kind}", "a cross-tabulation")
    accessible(an_invitation_path(), "a survey answered through a personal link, in Danish")
    accessible("/da/sporreundersokelser/", "the list in Danish")
    findings.assert_none()


def test_answer_a_survey_of_two_parts_by_keyboard_alone(surveys_hub, page):
    from tests.surveys.factories import make_survey

    survey = make_survey(title="Tastaturundersøkelsen", slug="tastatur", spec=KEYBOARD_SPEC)
    page.goto(survey.get_absolute_url())
    page.keyboard.press("Tab")  # the skip link
    tab_until(page, lambda el: el["tag"] == "input" and el["id"].endswith("_0"), "the first option")
    page.keyboard.press("ArrowDown")  # "Oppstart": arrows move and choose within a radio group
    page.keyboard.press("Tab")  # to the yes/no group
    page.keyboard.press("Space")  # "yes"
    tab_until(page, lambda el: el["tag"] == "button" and el["name"] == "action", "the next button")
    page.keyboard.press("Enter")
    page.wait_for_url("**?del=2")
    expect(page.locator(".survey-progress")).to_contain_text("Del 2 av 2")
    page.keyboard.press("Tab")
    tab_until(page, lambda el: el["tag"] == "input" and el["id"].endswith("_0"), "the scale")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 4
    page.keyboard.press("Tab")
    page.keyboard.type("Flere samlinger i Bergen")
    tab_until(page, lambda el: el["tag"] == "button" and el["name"] == "action", "the send button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/takk/")
    expect(page.locator("h1")).to_have_text("Takk for svarene")
    assert_no_axe_violations(page, "the confirmation page")

    from samspill.surveys.models import Answer, ResponseStatus

    answers = {
        a.question.text: a.option or a.number or a.text
        for a in Answer.objects.filter(response__survey=survey).select_related("question")
    }
    assert answers == {
        "Hvilken fase er dere i?": "Oppstart",
        "Vil dere komme på samlinger?": "yes",
        "Hvor nyttig er et nettverk?": 4,
        "Noe mer?": "Flere samlinger i Bergen",
    }
    assert survey.responses.get().status == ResponseStatus.SUBMITTED


def test_reminders_are_sent_from_the_admin_by_keyboard_alone(surveys_hub, browser):
    """The hub admin opens Musikmetropolen's invitations, goes to "Send reminders (2 not
    answered)", reads the email's preview and sends by keyboard; both screens pass axe."""
    from django.conf import settings
    from django.test import Client
    from wagtail.users.models import UserProfile

    from samspill.core.models import User
    from samspill.surveys.models import Invitation, Survey

    admin = User.objects.get(email="admin@samspill.test")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(admin)
    context = browser.new_context(base_url=surveys_hub)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": surveys_hub,
            }
        ]
    )
    try:
        page = context.new_page()
        survey = Survey.objects.get(slug="musikmetropolen-input-kommuner")
        page.goto(f"/admin/surveys/invitations/{survey.pk}/")
        remind = page.get_by_role("link", name="Send reminders (2 not answered)")
        expect(remind).to_be_visible()
        assert_no_axe_violations(page, "the survey's invitations screen")
        remind.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/admin/surveys/invitations/{survey.pk}/remind/")
        expect(page.locator("[data-preview=subject]")).to_contain_text(survey.title)
        expect(page.locator("[data-preview=body]")).to_have_attribute("lang", "da")
        assert_no_axe_violations(page, "the reminders screen with the email's preview")
        limit = page.get_by_label("How many to send now")
        expect(limit).to_have_value("2")
        limit.focus()
        page.keyboard.press("Enter")  # submits the form
        page.wait_for_url(f"**/admin/surveys/invitations/{survey.pk}/")
        expect(page.get_by_text("2 reminders are being sent.")).to_be_visible()
        assert Invitation.objects.filter(survey=survey, reminder_count=1).count() == 2
    finally:
        context.close()
