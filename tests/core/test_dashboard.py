"""The admin dashboard shows each role what waits for it, and only that (issue 18: "an editor's
first screen shows what needs them today"): upcoming events, approvals, pages to review, reported
comments, unanswered questions and content due for review, each panel scoped to what the person may
act on, in a bounded number of queries."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail.users.models import UserProfile

from samspill.ideas import services as idea_services
from samspill.knowledge import services as knowledge_services
from samspill.network import services as network_services
from samspill.network.models import JoinRequest
from tests.answers.factories import UnansweredQuestionFactory
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.events.factories import in_days, make_event
from tests.ideas.factories import make_idea
from tests.knowledge import factories as knowledge
from tests.projects.factories import make_programme

pytestmark = pytest.mark.django_db

PANELS = (
    "events-upcoming",
    "network-approvals",
    "knowledge-review-due",
    "ideas-reported-comments",
    "answers-unanswered",
)


def login(client, user, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def panels(html: str) -> dict[str, str]:
    """{panel name: its HTML} for the hub's panels on the dashboard."""
    found = {}
    for name in PANELS:
        match = re.search(
            rf'data-dashboard-panel="{name}".*?</div>\s*</div>\s*</section>', html, re.S
        )
        if match:
            found[name] = match.group(0)
    return found


def reviewed_for_due_in(days: int, interval: int = 12) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days) - relativedelta(months=interval)


@pytest.fixture
def hub(home_page):
    """Tempo and another organisation, each with an upcoming event, a request to join, content
    coming up for review, and a programme with a reported comment; a pending organisation and
    an unanswered question for the hub; Tempo's editor has submitted a draft for review."""
    tempo = OrganisationFactory(name="Tempo", slug="tempo")
    other = OrganisationFactory(name="Annen", slug="annen")
    people = {
        "editor": MembershipFactory(organisation=tempo, role="editor").user,
        "admin": MembershipFactory(organisation=tempo, role="admin").user,
        "member": MembershipFactory(organisation=tempo, role="member").user,
    }
    make_event(title="Tempo-treffet", organisers=[tempo], starts_at=in_days(5))
    make_event(title="Gammelt Tempo-treff", organisers=[tempo], starts_at=in_days(-30))
    make_event(title="Annet treff", organisers=[other], starts_at=in_days(6))
    JoinRequest.objects.create(user=UserFactory(name="Ola Spør"), organisation=tempo)
    JoinRequest.objects.create(user=UserFactory(name="Kari Annensen"), organisation=other)
    network_services.organisation_submit(
        actor=UserFactory(), name="Vokalappen", kind="startup", country="NO", summary="En app."
    )
    index = knowledge.index_page(home_page)
    knowledge_services.ensure_review_workflow()
    topic = knowledge.topic_page(index)
    knowledge.article_page(topic, tempo, title="Tempos snart", reviewed=reviewed_for_due_in(10))
    knowledge.article_page(topic, tempo, title="Tempos senere", reviewed=reviewed_for_due_in(200))
    knowledge.article_page(topic, other, title="Annens forfalte", reviewed=reviewed_for_due_in(-3))
    draft = knowledge.article_page(topic, tempo, title="Tempos utkast", live=False)
    draft.save_revision(user=people["editor"])
    draft.get_workflow().start(draft, people["editor"])
    for organisation, title, body in [
        (tempo, "Tempos idé", "Tempo-kommentar som er meldt"),
        (other, "Annens idé", "Annen kommentar som er meldt"),
    ]:
        programme = make_programme(
            slug=organisation.slug, name=f"Program {organisation.name}", secretariat=organisation
        )
        idea = make_idea(programme, title=title)
        comment = idea_services.comment_add(user=UserFactory(), idea=idea, body=body)
        idea_services.comment_report(user=UserFactory(), comment=comment, reason="Spam")
    UnansweredQuestionFactory(key="kulturrad søknad", examples=["Hvordan søker jeg Kulturrådet?"])
    return people


def dashboard(client, user, language="en") -> str:
    login(client, user, language)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_hub_admin_sees_everything_that_waits(client, hub, hub_admin):
    html = dashboard(client, hub_admin)
    found = panels(html)
    assert set(found) == set(PANELS)
    events = found["events-upcoming"]
    assert "Tempo-treffet" in events and "Annet treff" in events
    assert "Gammelt Tempo-treff" not in events
    assert "0 of 10" in events and "/admin/events/participants/" in events
    approvals = found["network-approvals"]
    for name in ("Vokalappen", "Ola Spør", "Kari Annensen"):
        assert name in approvals
    review = found["knowledge-review-due"]
    assert "Tempos snart" in review and "Annens forfalte" in review
    assert "Overdue" in review and "Tempos senere" not in review
    comments = found["ideas-reported-comments"]
    assert "Tempo-kommentar" in comments and "Annen kommentar" in comments
    assert "Hvordan søker jeg Kulturrådet?" in found["answers-unanswered"]
    # Wagtail's own panel lists the draft another person submitted.
    assert 'id="awaiting-review-section"' in html and "Tempos utkast" in html


def test_an_editor_of_tempo_sees_only_tempos_and_never_their_own_draft_to_approve(client, hub):
    html = dashboard(client, hub["editor"])
    found = panels(html)
    # Editors manage no memberships and handle no unanswered questions.
    assert set(found) == {"events-upcoming", "knowledge-review-due", "ideas-reported-comments"}
    assert "Tempo-treffet" in found["events-upcoming"]
    assert "Annet treff" not in found["events-upcoming"]
    assert "Tempos snart" in found["knowledge-review-due"]
    assert "Annens forfalte" not in found["knowledge-review-due"]
    assert "Tempo-kommentar" in found["ideas-reported-comments"]
    assert "Annen kommentar" not in found["ideas-reported-comments"]
    for name in ("Vokalappen", "Ola Spør", "Kari Annensen", "Kulturrådet"):
        assert name not in html
    # The draft they submitted waits for someone else: not in their "Awaiting your review".
    assert 'id="awaiting-review-section"' not in html


def test_an_admin_of_tempo_sees_tempos_requests_and_the_draft_to_review(client, hub):
    html = dashboard(client, hub["admin"])
    found = panels(html)
    approvals = found["network-approvals"]
    assert "Ola Spør" in approvals
    assert "Kari Annensen" not in approvals and "Vokalappen" not in approvals
    assert "Annet treff" not in html and "Annens forfalte" not in html
    assert 'id="awaiting-review-section"' in html and "Tempos utkast" in html


def test_a_member_has_no_dashboard(client, hub):
    login(client, hub["member"])
    response = client.get("/admin/")
    assert response.status_code in (302, 403)


def test_the_answer_finders_editors_see_the_unanswered_questions(client, hub):
    from django.contrib.auth.models import Permission

    hub["editor"].user_permissions.add(Permission.objects.get(codename="change_unansweredquestion"))
    found = panels(dashboard(client, hub["editor"]))
    assert "Hvordan søker jeg Kulturrådet?" in found["answers-unanswered"]


def test_a_panel_says_when_nothing_waits(client, hub):
    fresh = MembershipFactory(organisation=OrganisationFactory(name="Stille"), role="admin").user
    found = panels(dashboard(client, fresh))
    assert "No upcoming events of your organisations." in found["events-upcoming"]
    assert "No organisation or request to join waits for you." in found["network-approvals"]


def test_the_panels_are_translated(client, hub, hub_admin):
    html = dashboard(client, hub_admin, language="nb")
    assert "Kommende arrangementer" in html
    assert "Venter på din godkjenning" in html
    assert "Rapporterte kommentarer" in html


def test_the_dashboards_queries_do_not_grow_with_what_waits(client, hub, hub_admin, queries):
    login(client, hub_admin)
    more = OrganisationFactory(name="Mer")

    def add(n):
        for i in range(n):
            make_event(title=f"Ekstra {n} {i}", organisers=[more], starts_at=in_days(8 + i))
            JoinRequest.objects.create(user=UserFactory(), organisation=more)
            UnansweredQuestionFactory()

    add(8)  # every panel beyond its first rows: the totals are counted
    client.get("/admin/")
    before = queries.count(lambda: client.get("/admin/"))
    add(10)
    after = queries.count(lambda: client.get("/admin/"))
    assert after == before, (before, after)
