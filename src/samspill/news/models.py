"""News: a news index per language tree, and news items owned by an organisation.

A news item (`NewsPage`) is written by the owning organisation's editors and published through
the knowledge bank's review workflow (the organisation's admins approve; nobody their own work):
its ownership rules are the knowledge bank's (`knowledge.models.register_owned_pages`). It has a
category (a followable row: announcements, calls, results...), topics, audiences, themes and
municipalities, a lead, body blocks, a picture, and links to the events, projects, articles and
surveys it concerns.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from samspill.core.models import Audience, Municipality, Organisation
from samspill.core.page_languages import ClosestLanguageAddressMixin
from samspill.knowledge import blocks
from samspill.knowledge.models import ContentLanguage
from samspill.knowledge.permissions import (
    ContentPagePermissionTester,
    StructurePagePermissionTester,
)
from samspill.news.admin_forms import NewsPageForm


class CategoryKey(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    CALL = "call", _("Call for applications")
    RESULT = "result", _("Result")
    EVENT = "event", _("Event news")
    REPORT = "report", _("Report")


class NewsCategory(models.Model):
    """A kind of news one can filter by and follow. The rows are the `CategoryKey` choices
    (made by the migration and the skeleton); their names are translated."""

    key = models.CharField(_("key"), max_length=20, choices=CategoryKey.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["order", "key"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self) -> str:
        return self.get_key_display()


# The pages' views (`news.views`), set in `NewsConfig.ready()`: a page renders itself, but its reads
# and forms live in the layers above the models.
PAGE_VIEWS: dict = {}


class NewsIndexPage(ClosestLanguageAddressMixin, RoutablePageMixin, Page):
    """The news list of one language tree: filters, pages, an archive by month and feeds."""

    page_cache_members_share = True

    lead = models.TextField(_("lead"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def permissions_for_user(self, user):
        return StructurePagePermissionTester(user, self)

    @path("")
    def index_route(self, request):
        return PAGE_VIEWS["news_list"](request, self)

    @path("arkiv/<int:year>/", name="archive-year")
    def archive_year(self, request, year):
        return PAGE_VIEWS["news_archive"](request, self, year=year)

    @path("arkiv/<int:year>/<int:month>/", name="archive-month")
    def archive_month(self, request, year, month):
        return PAGE_VIEWS["news_archive"](request, self, year=year, month=month)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return PAGE_VIEWS["news_feed"](request, self, "rss")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return PAGE_VIEWS["news_feed"](request, self, "atom")


class NewsPage(ClosestLanguageAddressMixin, Page):
    """A news item of an organisation."""

    page_cache_members_share = True

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Its editors write this news item and its admins publish it."),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        related_name="news",
    )
    lead = models.TextField(
        _("lead"), max_length=500, help_text=_("One or two sentences for lists and previews.")
    )
    body = StreamField(blocks.ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Shown at the top of the news item and on its card. Describe what it shows in the "
            "image's description (its alt text); leave that empty only for pure decoration."
        ),
    )
    content_language = models.CharField(
        _("language"), max_length=2, choices=ContentLanguage.choices, default="nb"
    )
    topics = ParentalManyToManyField(
        "knowledge.TopicPage", verbose_name=_("topics"), blank=True, related_name="+"
    )
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="+"
    )
    themes = ParentalManyToManyField(
        "projects.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    municipalities = ParentalManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="+"
    )
    events = ParentalManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="+"
    )
    projects = ParentalManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="+"
    )
    articles = ParentalManyToManyField(
        "knowledge.ArticlePage", verbose_name=_("articles"), blank=True, related_name="+"
    )
    surveys = ParentalManyToManyField(
        "surveys.Survey", verbose_name=_("surveys"), blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("followers notified"), null=True, editable=False)

    base_form_class = NewsPageForm
    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    meta_panels = [
        FieldPanel("organisation"),
        FieldPanel("content_language"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("municipalities"),
    ]
    link_panels = [
        FieldPanel("events"),
        FieldPanel("projects"),
        FieldPanel("articles"),
        FieldPanel("surveys"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(meta_panels, heading=_("Ownership and subjects")),
            ObjectList(link_panels, heading=_("Concerns")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=NewsPageForm,
    )
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def answer_id(self) -> str:
        return f"news-{self.translation_key}"

    def permissions_for_user(self, user):
        return ContentPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(PAGE_VIEWS["news_detail_context"](request, self))
        return context
