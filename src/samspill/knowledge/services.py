"""Every write of the knowledge bank: pages created or updated by import, reviews, editor groups,
the review workflow and the link register.
"""

import datetime
import json
from dataclasses import dataclass, field

import nh3
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.signals import page_published

from samspill.core import registry
from samspill.core.errors import NotPermitted, SamspillError
from samspill.core.html import sanitise_rich_text
from samspill.core.models import EDITING_ROLES, Organisation, User
from samspill.core.permissions import (
    is_hub_admin,
    memberships_granting_rights,
    roles_by_organisation,
)
from samspill.core.services import audit_log
from samspill.knowledge.models import (
    ArticlePage,
    ContentLanguage,
    KnowledgeIndexPage,
    OrganisationReviewTask,
    TopicPage,
)
from samspill.knowledge.sections import TRANSLITERATION

EDITOR_GROUP = "Kunnskapsredaktører"
WORKFLOW_NAME = "Faglig kontroll"


# --- Editors and the review workflow --------------------------------------------------------------


def ensure_editor_group() -> Group:
    """The Wagtail group through which organisation editors may add and edit knowledge pages
    and upload and choose images.

    It grants no publishing: the owning organisation's admins publish through the workflow, and
    `wagtail_hooks` keeps each editor to the pages of their own organisations. Nor does it grant
    admin access: that follows the person's roles (`core.auth_backends`), so a stale membership of
    the group opens nothing, and the page permission policy ignores the group for anyone who edits
    no organisation in good standing.
    """
    group, _created = Group.objects.get_or_create(name=EDITOR_GROUP)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.remove(access)
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=("add_page", "change_page")
    ).values_list("pk", flat=True)
    granted = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=index_id, permission_id=permission_id)
            for index_id in KnowledgeIndexPage.objects.values_list("pk", flat=True)
            for permission_id in page_permissions
            if (index_id, permission_id) not in granted
        ],
        ignore_conflicts=True,
    )
    _grant_images(group)
    return group


def _grant_images(group: Group) -> None:
    """Editors upload and choose images (an organisation's logo, a project's or event's picture,
    an article's): Wagtail lets each change and delete only their own uploads."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=("add_image", "choose_image")
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def sync_editor_group(user_id: int) -> None:
    """The person is in the editors' group while they edit an organisation in good standing (an
    editor of a pending organisation is not)."""
    group = ensure_editor_group()
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    edits = memberships_granting_rights().filter(user_id=user_id, role__in=EDITING_ROLES).exists()
    if edits:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def ensure_review_workflow() -> Workflow:
    """The workflow "Faglig kontroll" (draft → review by the owning organisation → published)."""
    with transaction.atomic():
        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        if created or not workflow.workflow_tasks.exists():
            task, _created = OrganisationReviewTask.objects.get_or_create(
                name=_("Review by the owning organisation")
            )
            WorkflowTask.objects.get_or_create(
                workflow=workflow, task=task, defaults={"sort_order": 0}
            )
        for index in KnowledgeIndexPage.objects.all():
            WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


# --- Import ---------------------------------------------------------------------------------------

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
LOCALE_FOR_LANGUAGE = {"nb": "nb", "nn": "nb", "sv": "nb", "da": "da", "en": "en"}
IMPORT_FIELDS = {
    "id",
    "title",
    "body",
    "language",
    "topics",
    "audiences",
    "organisation",
    "source_url",
}


@dataclass
class ImportRecord:
    line: int
    id: str
    title: str
    body: str
    language: str
    topics: list[str]
    audiences: list[str]
    organisation: str | None
    source_url: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    topics_created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_import_line(
    number: int, line: str, *, audiences: set[str], organisations: set[str]
) -> ImportRecord:
    """One JSONL line as a record, or ValueError with the reason in words."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(_("not valid JSON (%(error)s)") % {"error": error.msg}) from error
    if not isinstance(data, dict):
        raise ValueError(_("expected a JSON object"))
    unknown = set(data) - IMPORT_FIELDS
    if unknown:
        raise ValueError(_("unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    problems = []
    for name in ("id", "title", "body"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            problems.append(_("“%(field)s” must be a non-empty string") % {"field": name})
    if isinstance(data.get("id"), str) and len(data["id"]) > 100:
        problems.append(_("“id” is longer than 100 characters"))
    if isinstance(data.get("title"), str) and len(data["title"]) > 255:
        problems.append(_("“title” is longer than 255 characters"))
    language = data.get("language")
    if language not in ContentLanguage.values:
        problems.append(_("“language” must be one of nb, nn, da, sv, en"))
    topics = data.get("topics", [])
    if (
        not isinstance(topics, list)
        or not topics
        or not all(isinstance(t, str) and t.strip() for t in topics)
    ):
        problems.append(_("“topics” must be a non-empty list of names"))
    wanted = data.get("audiences", [])
    if not isinstance(wanted, list) or not all(isinstance(a, str) for a in wanted):
        problems.append(_("“audiences” must be a list of audience slugs"))
    else:
        missing = [a for a in wanted if a not in audiences]
        if missing:
            problems.append(_("unknown audiences: %(slugs)s") % {"slugs": ", ".join(missing)})
    organisation = data.get("organisation")
    if organisation is not None and organisation not in organisations:
        problems.append(_("unknown organisation “%(slug)s”") % {"slug": organisation})
    source_url = data.get("source_url") or ""
    if source_url and not (
        isinstance(source_url, str) and source_url.startswith(("http://", "https://"))
    ):
        problems.append(_("“source_url” must be an http(s) address"))
    if problems:
        raise ValueError("; ".join(problems))
    return ImportRecord(
        line=number,
        id=data["id"].strip(),
        title=data["title"].strip(),
        body=data["body"],
        language=language,
        topics=[t.strip() for t in topics],
        audiences=wanted,
        organisation=organisation,
        source_url=source_url,
    )


def markdown_to_blocks(markdown: str) -> list[tuple[str, str]]:
    """Markdown as StreamField blocks: "## " headings start sections, the rest becomes clean text."""
    tokens = _md.parse(markdown)
    blocks: list[tuple[str, str]] = []
    chunk: list = []

    def flush():
        if chunk:
            html = _md.renderer.render(chunk, _md.options, {})
            # Deeper headings stay inside the text as h3.
            html = sanitise_rich_text(html.replace("<h1>", "<h3>").replace("</h1>", "</h3>"))
            html = nh3.clean(
                html,
                tags={
                    "p",
                    "h3",
                    "h4",
                    "strong",
                    "b",
                    "em",
                    "i",
                    "ul",
                    "ol",
                    "li",
                    "a",
                    "br",
                    "blockquote",
                },
                attributes={"a": {"href"}},
                url_schemes={"http", "https", "mailto"},
                link_rel=None,
            )
            html = html.replace("<h4>", "<h3>").replace("</h4>", "</h3>")
            if html.strip():
                blocks.append(("text", html.strip()))
            chunk.clear()

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.tag == "h2":
            flush()
            blocks.append(("heading", tokens[i + 1].content.strip()[:150]))
            i += 3
            continue
        chunk.append(token)
        i += 1
    flush()
    return blocks


def _locale(language: str) -> Locale:
    code = LOCALE_FOR_LANGUAGE.get(language, "nb")
    return Locale.objects.filter(language_code=code).first() or Locale.get_default()


def _index_for(locale: Locale) -> KnowledgeIndexPage:
    index = KnowledgeIndexPage.objects.filter(locale=locale).first()
    if index is None:
        index = KnowledgeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise SamspillError(
            _(
                "There is no knowledge index page to import into. Run “samspill setup” or create one in the admin."
            )
        )
    return index


def _topic(name: str, index: KnowledgeIndexPage, report: ImportReport, cache: dict) -> TopicPage:
    key = (index.pk, name.lower())
    if key in cache:
        return cache[key]
    slug = slugify(name.translate(TRANSLITERATION))[:50] or "tema"
    topic = TopicPage.objects.child_of(index).filter(title__iexact=name).first() or (
        TopicPage.objects.child_of(index).filter(slug=slug).first()
    )
    if topic is None:
        topic = TopicPage(title=name[:255], slug=slug, locale=index.locale)
        index.add_child(instance=topic)
        topic.save_revision().publish()
        report.topics_created += 1
    cache[key] = topic
    return topic


def import_article(
    record: ImportRecord,
    *,
    owner: Organisation,
    audiences: dict,
    report: ImportReport,
    cache: dict,
    user=None,
) -> ArticlePage:
    key = ("index", record.language)
    if key not in cache:
        cache[key] = _index_for(_locale(record.language))
    index = cache[key]
    topics = [_topic(name, index, report, cache) for name in record.topics]
    first, _, rest = record.body.strip().partition("\n\n")
    summary = " ".join(nh3.clean(_md.render(first), tags=set()).split())[:500] or record.title
    # An opening paragraph becomes the lead, shown above the body: the body starts after it
    # (unless it is all there is, since the body may not be empty).
    lead_is_a_paragraph = rest.strip() and _md.render(first).startswith("<p>")
    markdown = rest if lead_is_a_paragraph else record.body
    body = json.dumps(
        [{"type": kind, "value": value} for kind, value in markdown_to_blocks(markdown)]
    )
    page = ArticlePage.objects.filter(external_id=record.id).first()
    values = {
        "title": record.title,
        "summary": summary,
        "body": body,
        "content_language": record.language,
        "source_url": record.source_url,
        "organisation": owner,
        "last_reviewed": timezone.localdate(),
    }
    if page is None:
        # A new article goes live at once, with one revision as its history: quicker than the
        # editor's save-and-publish, which matters when a thousand arrive together.
        now = timezone.now()
        page = ArticlePage(
            external_id=record.id,
            slug=_free_slug(topics[0], record.title),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            **values,
        )
        # The record was validated at the edge (parse_import_line, markdown_to_blocks, _free_slug);
        # Wagtail's full model validation on insert costs more than the rest of the import.
        page.audiences.set([audiences[a] for a in record.audiences])
        page.related_topics.set(topics[1:])
        page.full_clean = _already_validated
        topics[0].add_child(instance=page)  # saves the page and its relations
        del page.full_clean
        revision = page.save_revision(user=user, log_action=False, clean=False)
        ArticlePage.objects.filter(pk=page.pk).update(live_revision=revision)
        page.live_revision = revision
        if not registry.defer_indexing("knowledge.article", page.pk):
            _index_later(page)
        report.created += 1
        return page
    for name, value in values.items():
        setattr(page, name, value)
    page.audiences.set([audiences[a] for a in record.audiences])
    page.related_topics.set(topics[1:])
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    report.updated += 1
    return page


def _already_validated(*args, **kwargs) -> None:
    return None


def import_log(report: ImportReport, *, source: str, user=None) -> None:
    """One audit entry per import, on the knowledge index, with what it did."""
    index = KnowledgeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return
    with transaction.atomic():
        audit_log(
            actor=user,
            action="knowledge.import.completed",
            target=index,
            data={
                "source": str(source)[:200],
                "created": report.created,
                "updated": report.updated,
                "topics_created": report.topics_created,
                "invalid_lines": len(report.errors),
            },
        )


def _index_later(page) -> None:
    # Outside a bulk import, the publishing signal is what indexes a page; send the same one.
    page_published.send(sender=type(page), instance=page, revision=page.live_revision)


def _free_slug(parent, title: str) -> str:
    base = slugify(title.translate(TRANSLITERATION))[:70] or "artikkel"
    slug, n = base, 2
    taken = set(parent.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Review dashboard and workflow publishing (appended) ------------------------------------------


def content_mark_reviewed(*, page, user, on: datetime.date | None = None):
    """Record that an admin or editor of the owning organisation (or a hub admin) checked the facts.

    Editors hold no Wagtail publish permission (the workflow publishes), but confirming that the
    facts still hold changes nothing a reader sees except the review date, so the owner may
    publish that revision directly. Raises NotPermitted for anyone else and SamspillError when
    the page has unpublished changes.
    """
    page = page.specific
    owner = getattr(page, "organisation_id", None)
    if owner is None:
        raise NotPermitted(_("Only knowledge content has a review date."))
    if not is_hub_admin(user) and roles_by_organisation(user).get(owner) not in EDITING_ROLES:
        raise NotPermitted(_("Only the owning organisation's editors can mark this as reviewed."))
    if page.has_unpublished_changes:
        raise SamspillError(_("The page has unpublished changes: review it in the editor instead."))
    page.last_reviewed = on or timezone.localdate()
    with transaction.atomic():
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
        audit_log(actor=user, action="knowledge.content.reviewed", target=page)
    return page
