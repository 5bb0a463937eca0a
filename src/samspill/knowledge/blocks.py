"""StreamField blocks for articles and guides.

An article body is a sequence of blocks; a "heading" block starts a new section. Sections and
question-and-answer blocks each get a stable anchor (see `knowledge.sections`), so that the answer
finder can link straight to the passage that answers a question.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "knowledge/blocks/heading.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "knowledge/blocks/qa.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Good to know")), ("tip", _("Tip")), ("warning", _("Watch out"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "knowledge/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "knowledge/blocks/checklist.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.CharBlock(label=_("Description"), max_length=300, required=False)


class LinkListBlock(blocks.StructBlock):
    """Links onward to other organisations: the resource bank points out of itself."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "link"
        label = _("Links to other organisations")
        template = "knowledge/blocks/links.html"


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player address for a YouTube or Vimeo link, or None."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        if video_id and _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        digits = [part for part in parsed.path.split("/") if part.isdigit()]
        if digits:
            return f"https://player.vimeo.com/video/{digits[0]}?autoplay=1&dnt=1"
    return None


class VideoBlock(blocks.StructBlock):
    """A video that loads nothing from the video site until the reader asks for it."""

    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)

    class Meta:
        icon = "media"
        label = _("Video (click to load)")
        template = "knowledge/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a YouTube or Vimeo link."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value.get("url"))
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=150)
    text = blocks.RichTextBlock(
        label=_("Text"), features=TEXT_FEATURES, template="knowledge/blocks/text.html"
    )
    qa = QuestionAnswerBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    links = LinkListBlock()
    video = VideoBlock()


# --- Guides ---------------------------------------------------------------------------------------

_KEY_HELP = _(
    "A short name for this step, used by the options that lead here (letters, digits, -)."
)


class GuideOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Option"), max_length=200)
    next = blocks.CharBlock(
        label=_("Leads to step"), max_length=50, help_text=_("The key of the next step.")
    )


class GuideQuestionBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=r"^[a-z0-9-]{1,50}$",
        label=_("Key"),
        help_text=_KEY_HELP,
        error_messages={"invalid": _("Use lower-case letters, digits and hyphens.")},
    )
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    help = blocks.CharBlock(label=_("Help text"), max_length=300, required=False)
    options = blocks.ListBlock(GuideOptionBlock(), label=_("Options"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question step")


class GuideResultBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=r"^[a-z0-9-]{1,50}$",
        label=_("Key"),
        help_text=_KEY_HELP,
        error_messages={"invalid": _("Use lower-case letters, digits and hyphens.")},
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES, required=False)
    checklist = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Checklist"), required=False
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["knowledge.ArticlePage", "knowledge.FaqPage"]),
        label=_("Articles and FAQ entries"),
        required=False,
    )
    links = blocks.ListBlock(LinkBlock(), label=_("Other resources"), required=False)

    class Meta:
        icon = "tick"
        label = _("Result")


class GuideStepsBlock(blocks.StreamBlock):
    question = GuideQuestionBlock()
    result = GuideResultBlock()
