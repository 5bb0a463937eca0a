"""The review workflow: an editor submits, an admin of the owning organisation approves and publishes."""

import pytest
from wagtail.models import TaskState

from samspill.knowledge import services, workflow_actions
from samspill.knowledge.models import ArticlePage
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(home_page, organisation, org_editor):
    index = factories.index_page(home_page)
    services.ensure_review_workflow()
    topic = factories.topic_page(index)
    page = factories.article_page(topic, organisation, title="Nytt utkast", live=False)
    page.save_revision(user=org_editor)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == services.WORKFLOW_NAME
    workflow.start(page, org_editor)
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state.specific
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    return page, task_state


def approve_url(page, task_state):
    return f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"


def test_an_admin_of_another_organisation_cannot_approve(client, submitted):
    page, task_state = submitted
    stranger = MembershipFactory(organisation=OrganisationFactory(), role="admin").user
    assert task_state.task.specific.get_actions(page, stranger) == []
    client.force_login(stranger)
    response = client.post(approve_url(page, task_state))
    assert response.status_code in (302, 403)
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_the_editor_who_wrote_it_cannot_approve_it(client, submitted, org_editor):
    page, task_state = submitted
    client.force_login(org_editor)
    client.post(approve_url(page, task_state))
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_an_admin_of_the_owning_organisation_approves_and_publishes(
    client, submitted, org_admin, settings
):
    # Wagtail's approval reads the page several times: allowlisted like wagtailcore.Page.get().
    settings.ZEAL_ALLOWLIST = [
        *settings.ZEAL_ALLOWLIST,
        {"model": "knowledge.*", "field": "get()"},
        {"model": "wagtailcore.Revision", "field": "get()"},
    ]
    page, task_state = submitted
    assert [
        name for name, _label, _modal in task_state.task.specific.get_actions(page, org_admin)
    ] == [
        "reject",
        "approve",
        "approve",
    ]
    client.force_login(org_admin)
    response = client.post(approve_url(page, task_state))
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    assert page.live_revision.user_id is not None


def test_a_hub_admin_may_approve_any_organisations_content(submitted, hub_admin):
    page, task_state = submitted
    task_state.approve(user=hub_admin)
    assert ArticlePage.objects.get(pk=page.pk).live


def test_workflows_without_the_organisation_review_keep_wagtails_permission_check(
    home_page, organisation, org_admin
):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    workflow = Workflow.objects.create(name="Annen kontroll")
    task = GroupApprovalTask.objects.create(name="Moderatorer")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=index, workflow=workflow)
    page = factories.article_page(topic, organisation, live=False)
    state = workflow.start(page, org_admin)
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    from wagtail.actions.publish_page_revision import PublishPagePermissionError

    with pytest.raises(PublishPagePermissionError):
        workflow_actions.workflow_publish(state, user=org_admin)


def test_settings_route_the_end_of_a_workflow_through_the_service():
    """Wiring check: `WAGTAIL_FINISH_WORKFLOW_ACTION = "samspill.knowledge.workflow_actions.workflow_publish"`.

    Without it Wagtail publishes as the approving organisation admin, who has no publish
    permission, and the approval fails.
    """
    from django.conf import settings

    assert (
        getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "")
        == "samspill.knowledge.workflow_actions.workflow_publish"
    )


def test_workflow_emails_are_in_the_recipients_language_bokmal_by_default(
    home_page,
    organisation,
    org_editor,
    org_admin,
    hub_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """Wagtail's own catalogue leaves its workflow notifications in English: ours completes it,
    and a reviewer who chose no language reads bokmål even when the submitter works in English."""
    from django.utils import translation

    index = factories.index_page(home_page)
    services.ensure_review_workflow()
    topic = factories.topic_page(index)
    page = factories.article_page(topic, organisation, title="Nytt utkast", live=False)
    page.save_revision(user=org_editor)
    # Queued like every email (core.mail.wagtail_send_mail), sent after the commit.
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        page.get_workflow().start(page, org_editor)
    assert mailoutbox, "no workflow notification was sent"
    for message in mailoutbox:
        text = f"{message.subject}\n{message.body}"
        assert "has been submitted" not in text and "You can" not in text, text
        assert "Nytt utkast" in text
        assert '<html lang="nb">' in message.alternatives[0][0]  # the hub's base, in bokmål
