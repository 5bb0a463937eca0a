"""Every write in projects: one transaction, one audit entry; the followers of a project hear of
its status, milestones and results (`projects.following`)."""

import logging

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samspill.core.errors import Conflict, InvalidInput
from samspill.core.html import sanitise_rich_text
from samspill.core.services import audit_log
from samspill.core.validators import validate_instance
from samspill.projects import following
from samspill.projects.models import EventInput, Programme, Project

logger = logging.getLogger(__name__)


def _unique_slug(model, text: str, *, exclude_pk=None, fallback: str) -> str:
    base = slugify(text)[:70] or fallback
    slug, n = base, 2
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Programmes and projects ----------------------------------------------------------------------


def programme_save(*, actor, programme: Programme) -> Programme:
    """Create or change a programme with its themes (inline rows held by the instance)."""
    created = programme.pk is None
    programme.body = sanitise_rich_text(programme.body)
    if not programme.slug:
        programme.slug = _unique_slug(
            Programme, programme.name, exclude_pk=programme.pk, fallback="program"
        )
    validate_instance(programme)
    for theme in programme.themes.all():
        if not theme.slug:
            theme.slug = slugify(theme.name_en or theme.name_nb)[:60] or "tema"
    with transaction.atomic():
        programme.save()
        audit_log(
            actor=actor,
            action="projects.programme.created" if created else "projects.programme.updated",
            target=programme,
        )
    return programme


def project_save(*, actor, project: Project) -> Project:
    """Create or change a project with its inline rows (funding, milestones, results, videos,
    documents) and its themes, partners and municipalities (held by the instance until saved).

    Themes must belong to the project's programme, and a project needs at least one. Its
    followers (and those of its programme and organisations) are told of an explicit status change,
    milestones added or reached and results added (`following.changes_notify`)."""
    created = project.pk is None
    project.body = sanitise_rich_text(project.body)
    if not project.slug:
        project.slug = _unique_slug(
            Project, project.title, exclude_pk=project.pk, fallback="prosjekt"
        )
    validate_instance(project)
    themes = list(project.themes.all())
    if not themes:
        raise InvalidInput(_("A project needs at least one theme."), field="themes")
    if any(theme.programme_id != project.programme_id for theme in themes):
        raise InvalidInput(_("Choose themes of the project's own programme."), field="themes")
    with transaction.atomic():
        before = following.snapshot(project)
        project.save()
        audit_log(
            actor=actor,
            action="projects.project.created" if created else "projects.project.updated",
            target=project,
        )
        following.changes_notify(project=project, before=before, actor=actor)
    return project


def project_delete(*, actor, project: Project) -> None:
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="projects.project.deleted",
            target=project,
            data={"title": project.title},
        )
        project.delete()


def programme_delete(*, actor, programme: Programme) -> None:
    """Only a programme without projects goes (its projects protect it); unpublish it instead."""
    if programme.projects.exists():
        raise Conflict(
            _("This programme has projects and cannot be deleted. Unpublish it instead.")
        )
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="projects.programme.deleted",
            target=programme,
            data={"name": programme.name},
        )
        programme.delete()


def event_input_save(*, actor, event_input: EventInput) -> EventInput:
    """Link a workshop or network meeting (and the survey answered there) to a programme."""
    created = event_input.pk is None
    validate_instance(event_input)
    with transaction.atomic():
        event_input.save()
        audit_log(
            actor=actor,
            action="projects.input.created" if created else "projects.input.updated",
            target=event_input.programme,
            data={"event": event_input.event_id, "survey": event_input.survey_id},
        )
    return event_input


def event_input_delete(*, actor, event_input: EventInput) -> None:
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="projects.input.deleted",
            target=event_input.programme,
            data={"event": event_input.event_id},
        )
        event_input.delete()
