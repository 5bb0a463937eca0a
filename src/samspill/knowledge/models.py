"""The knowledge bank: an index, topics, articles, FAQ entries and guides (decision paths).

Every piece of content has an owning organisation, audiences, an optional region, a language, the
date it was last checked and how often it must be checked again. Editors of the owning organisation
write it; a review step in Wagtail's workflow publishes it (`OrganisationReviewTask`, with the
authorship rules in `knowledge.workflows`).

A Wagtail page renders itself, so the reads its own page needs (a topic's articles, an index's
topics) are named methods here; `knowledge.selectors` holds the reads of the API and the dashboard.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, Task, TaskState
from wagtail.search import index

from samspill.core import registry
from samspill.core.models import Audience, Organisation, Region, Role
from samspill.core.page_languages import ClosestLanguageAddressMixin
from samspill.core.permissions import is_hub_admin, roles_by_organisation
from samspill.knowledge import blocks
from samspill.knowledge.feeds import TopicAtomFeed, TopicRssFeed
from samspill.knowledge.forms import KnowledgePageForm
from samspill.knowledge.guides import GuideError, check_steps, walk
from samspill.knowledge.permissions import (
    ContentPagePermissionTester,
    StructurePagePermissionTester,
)
from samspill.knowledge.sections import article_sections
from samspill.knowledge.workflows import is_author, owner_id


class ContentLanguage(models.TextChoices):
    BOKMAL = "nb", _("Norwegian (bokmål)")
    NYNORSK = "nn", _("Norwegian (nynorsk)")
    DANISH = "da", _("Danish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


REVIEW_INTERVALS = [
    (3, _("every 3 months")),
    (6, _("every 6 months")),
    (12, _("every year")),
    (24, _("every 2 years")),
]


class KnowledgeContent(models.Model):
    """What every piece of knowledge content carries (mixed into Wagtail pages)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Its editors keep this content current."),
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only if the content applies to one region."),
    )
    content_language = models.CharField(
        _("language"), max_length=2, choices=ContentLanguage.choices, default="nb"
    )
    last_reviewed = models.DateField(
        _("last reviewed"), default=datetime.date.today, help_text=_("When the facts were checked.")
    )
    review_interval = models.PositiveSmallIntegerField(
        _("review interval"), choices=REVIEW_INTERVALS, default=12
    )
    review_due = models.DateField(_("review due"), editable=False, db_index=True, null=True)

    # Their own tab, next to the content (`knowledge_tabs`).
    content_meta_panels = [
        FieldPanel("organisation"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("region"),
        FieldPanel("content_language"),
        FieldPanel("last_reviewed"),
        FieldPanel("review_interval"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.last_reviewed:
            self.review_due = self.last_reviewed + relativedelta(months=self.review_interval)
        super().save(*args, **kwargs)

    @property
    def is_review_overdue(self) -> bool:
        return bool(self.review_due and self.review_due < timezone.localdate())

    def permissions_for_user(self, user):
        return ContentPagePermissionTester(user, self)

    def parent_topic(self):
        """The topic this page sits in (None for a guide, which sits in the index)."""
        return TopicPage.objects.filter(path=self.path[: -self.steplen]).first()


def knowledge_tabs(content, promote, settings, form_class):
    """The editor's tabs of knowledge content: content, then ownership and review (they used to
    hide under "Promote": issue 18), then Wagtail's own."""
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList(KnowledgeContent.content_meta_panels, heading=_("Ownership and review")),
            ObjectList(promote, heading=_("Promote")),
            ObjectList(settings, heading=_("Settings")),
        ],
        base_form_class=form_class,
    )


class KnowledgeIndexPage(ClosestLanguageAddressMixin, Page):
    """The knowledge bank's front: topics, guides and the question box."""

    # The same for every signed-in member but the header's account part: the page cache gives them
    # the visitors' copy (core.pagecache). Showing anything of the person here breaks that.
    page_cache_members_share = True

    lead = models.TextField(_("lead"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["knowledge.TopicPage", "knowledge.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge index")

    def permissions_for_user(self, user):
        return StructurePagePermissionTester(user, self)

    def topics(self):
        return TopicPage.objects.live().public().child_of(self).order_by("path")

    def guides(self):
        return GuidePage.objects.live().public().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.topics()
        context["guides"] = self.guides()
        return context


class TopicPage(ClosestLanguageAddressMixin, RoutablePageMixin, Page):
    """A topic (theme) of the knowledge bank, with its articles and FAQ entries and a feed."""

    # The same for every signed-in member but the header's account part: the page cache gives them
    # the visitors' copy (core.pagecache). Showing anything of the person here breaks that.
    page_cache_members_share = True

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.ArticlePage", "knowledge.FaqPage"]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def permissions_for_user(self, user):
        return StructurePagePermissionTester(user, self)

    def articles(self):
        """Live public articles below this topic or also placed in it, by title."""
        return (
            ArticlePage.objects.live()
            .public()
            .filter(Q(path__startswith=self.path, depth=self.depth + 1) | Q(related_topics=self))
            .distinct()
            .select_related("organisation")
            .prefetch_related("audiences")
            .order_by("title")
        )

    def faqs(self):
        return (
            FaqPage.objects.live()
            .public()
            .child_of(self)
            .select_related("organisation")
            .prefetch_related("audiences")
            .order_by("path")
        )

    def recent_changes(self, limit: int):
        """The newest published articles and FAQ entries below this topic (its feeds)."""
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(self)
            .type(ArticlePage, FaqPage)
            .order_by("-last_published_at")[:limit]
            .specific()
        )
        return list(pages)

    def default_translation(self):
        return self.get_translation_or_none(Locale.get_default())

    @path("")
    def index_route(self, request):
        context = self.get_context(request)
        source = self
        if not self.articles().exists():
            # No content in this language yet: show the topic's content in the default language.
            source = self.default_translation() or self
        context["articles"] = source.articles()
        context["faqs"] = source.faqs()
        context["content_from"] = source if source.pk != self.pk else None
        context["sections"] = registry.object_sections("topic", request, self)
        return self.render(request, context_overrides=context)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return TopicRssFeed()(request, topic=self)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return TopicAtomFeed()(request, topic=self)


class ArticlePage(ClosestLanguageAddressMixin, KnowledgeContent, Page):  # noqa: DJ008 (Page has __str__)
    """A guide to one subject, in sections; each section and Q&A block is an answer passage."""

    # The same for every signed-in member but the header's account part: the page cache gives them
    # the visitors' copy (core.pagecache). Showing anything of the person here breaks that.
    page_cache_members_share = True

    summary = models.TextField(_("summary"), max_length=500)
    body = StreamField(blocks.ArticleBodyBlock(), verbose_name=_("body"))
    external_id = models.CharField(
        _("import id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set by import-knowledge; identifies the article across imports."),
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    related_topics = ParentalManyToManyField(
        "knowledge.TopicPage", verbose_name=_("also in topics"), blank=True, related_name="+"
    )

    base_form_class = KnowledgePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("source_url"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("external_id", read_only=True)]
    promote_panels = Page.promote_panels + [FieldPanel("related_topics")]
    edit_handler = knowledge_tabs(
        content_panels, promote_panels, settings_panels, KnowledgePageForm
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["knowledge.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def answer_id(self) -> str:
        """The id the answer finder and the API give this article."""
        return self.external_id or f"article-{self.translation_key}"

    @cached_property
    def sections(self):
        return article_sections(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic"] = self.parent_topic()
        return context


class FaqPage(ClosestLanguageAddressMixin, KnowledgeContent, Page):  # noqa: DJ008 (Page has __str__)
    """A frequently asked question with its short, concrete answer. The title is the question."""

    # The same for every signed-in member but the header's account part: the page cache gives them
    # the visitors' copy (core.pagecache). Showing anything of the person here breaks that.
    page_cache_members_share = True

    answer = RichTextField(_("answer"), features=blocks.TEXT_FEATURES)

    base_form_class = KnowledgePageForm
    content_panels = Page.content_panels + [FieldPanel("answer")]
    edit_handler = knowledge_tabs(
        content_panels, Page.promote_panels, Page.settings_panels, KnowledgePageForm
    )
    search_fields = Page.search_fields + [
        index.SearchField("answer"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["knowledge.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    @property
    def answer_id(self) -> str:
        return f"faq-{self.translation_key}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic"] = self.parent_topic()
        return context


class GuidePage(ClosestLanguageAddressMixin, KnowledgeContent, Page):  # noqa: DJ008 (Page has __str__)
    """A decision path: questions with options, each leading to another question or to a result.

    The public guide is a chain of GET forms: the answers so far travel in the address
    (`?svar=0&svar=2`), so every step and every result has its own shareable URL.
    """

    intro = models.TextField(_("introduction"), max_length=600)
    steps = StreamField(blocks.GuideStepsBlock(), verbose_name=_("steps"))

    base_form_class = KnowledgePageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("steps")]
    edit_handler = knowledge_tabs(
        content_panels, Page.promote_panels, Page.settings_panels, KnowledgePageForm
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def answer_id(self) -> str:
        return f"guide-{self.translation_key}"

    def clean(self):
        super().clean()
        try:
            check_steps(self.steps)
        except GuideError as error:
            raise ValidationError({"steps": error.message}) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["walk"] = walk(self, request.GET.getlist("svar"))
        except ValueError as error:
            raise Http404("unknown answer") from error
        return context


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("not checked yet")
    OK = "ok", _("works")
    BROKEN = "broken", _("broken")


class ExternalLink(models.Model):
    """An address outside the hub that published knowledge content links to, and whether it works."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(
        _("failures in a row"), default=0, help_text=_("A link counts as broken after two.")
    )
    pages = models.ManyToManyField(Page, verbose_name=_("used on"), related_name="+")

    class Meta:
        verbose_name = _("external link")
        verbose_name_plural = _("external links")
        indexes = [models.Index(fields=["status", "checked_at"], name="knowledge_link_status")]

    def __str__(self):
        return self.url


CONTENT_MODELS = (ArticlePage, FaqPage, GuidePage)

# Other apps' Wagtail pages under the same rules (news): owned by an organisation whose editors
# alone write them and whose admins review them (`owned_page_models`), below hub pages that
# editors may only add to (`structure_page_models`). Registered in their `AppConfig.ready()`.
_OTHER_OWNED: dict[type, None] = {}
_OTHER_STRUCTURE: dict[type, None] = {}


def register_owned_pages(*, content: tuple = (), structure: tuple = ()) -> None:
    """Another app's page models that follow the knowledge bank's ownership and review rules:
    `content` pages have an `organisation`; `structure` pages belong to the hub."""
    _OTHER_OWNED.update(dict.fromkeys(content))
    _OTHER_STRUCTURE.update(dict.fromkeys(structure))


def owned_page_models() -> tuple:
    """The knowledge content models and the other apps' owned pages (`register_owned_pages`)."""
    return CONTENT_MODELS + tuple(_OTHER_OWNED)


def structure_page_models() -> tuple:
    return (KnowledgeIndexPage, TopicPage, *_OTHER_STRUCTURE)


def page_ids_owned_by(organisation_ids) -> list[int]:
    """The ids of the owned pages these organisations own (the review task's scope)."""
    ids: list[int] = []
    for model in owned_page_models():
        ids += list(
            model.objects.filter(organisation_id__in=organisation_ids).values_list("pk", flat=True)
        )
    return ids


class OrganisationReviewTask(Task):
    """Approved by an admin of the page's owning organisation, or by a hub admin, who is not its
    author."""

    def _has_reviewer_role(self, obj, user) -> bool:
        if is_hub_admin(user):
            return True
        owner = owner_id(obj)
        return owner is not None and roles_by_organisation(user).get(owner) == Role.ADMIN

    def _can_review(self, obj, user, task_state=None) -> bool:
        return self._has_reviewer_role(obj, user) and not is_author(
            obj, user, task_state=task_state
        )

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self._can_review(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # Every way to an action ends here (the workflow action view, the page editor's menu):
        # checked again, whatever the caller showed.
        obj = task_state.workflow_state.content_object.specific
        if not self._can_review(obj, user, task_state):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            Q(workflow_state__requested_by=user) | Q(revision__user=user)
        )
        if is_hub_admin(user):
            return states
        admin_of = [org for org, role in roles_by_organisation(user).items() if role == Role.ADMIN]
        if not admin_of:
            return TaskState.objects.none()
        page_ids = [str(pk) for pk in page_ids_owned_by(admin_of)]
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Admins of the page's owning organisation review and publish it")

    class Meta:
        verbose_name = _("review by the owning organisation")
        verbose_name_plural = _("reviews by the owning organisation")
