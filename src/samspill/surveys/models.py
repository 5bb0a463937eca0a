"""Surveys: a questionnaire with sections, conditional questions, responses and answers.

One `Answer` row holds one atomic value, so that every result is a GROUP BY in SQL:

| question kind                       | answer rows                                   |
| ----------------------------------- | --------------------------------------------- |
| single, yes/no, org kind, municipality | one row, `option` (option text, yes/no, code) |
| multiple                            | one row per chosen option; "other" is `option` OTHER with `text` |
| scale, number                       | one row, `number`                             |
| matrix (scale rows)                 | one row per answered row: `row` and `number`  |
| short and long text                 | one row, `text` (`hidden` when an editor hid it) |

Sections are questions of kind SECTION: a break with a title and an introduction. Choice options
are lines of text; an answer stores the option's text, which is why an option that has answers
can be neither removed nor renamed (`services.survey_check_change`).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from samspill.core.models import Audience, Country, Organisation
from samspill.core.questions import OTHER as OTHER  # the surveys app names it so too
from samspill.core.questions import KindChoices, kind_of


class Mode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous: anyone with the link, no sign-in")
    SIGNED_IN = "signed_in", _("Signed in: one response per account")
    INVITATION = "invitation", _("Personal invitation links")


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def listed(self):
        """Published surveys anyone may find: not the ones answered by invitation only."""
        return self.published().exclude(mode=Mode.INVITATION)


class Survey(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Who is asked, why, and how the answers are used."),
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="surveys"
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("nb", _("Norwegian")), ("da", _("Danish")), ("en", _("English"))],
        default="nb",
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    mode = models.CharField(
        _("who answers"), max_length=12, choices=Mode.choices, default=Mode.ANONYMOUS
    )
    one_response = models.BooleanField(
        _("one response per person"),
        default=True,
        help_text=_(
            "Per account when signed in, per link with invitations, per browser when anonymous."
        ),
    )
    results_public = models.BooleanField(
        _("results are public"),
        default=False,
        help_text=_("Public results never show groups of fewer than five respondents."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="surveys_survey_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def content_language(self) -> str:
        """The language its texts are in, for `lang` (core.content_language)."""
        return self.language

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    def get_absolute_url(self):
        return reverse("surveys:detail", kwargs={"slug": self.slug})

    def state(self, now=None) -> str:
        """ "draft", "not_open", "open" or "closed"."""
        now = now or timezone.now()
        if not self.is_published:
            return "draft"
        if self.opens_at and now < self.opens_at:
            return "not_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state() == "open"


# The kinds of question: the questionnaire engine's registry (`samspill.core.questions`).
Kind = KindChoices


class Question(models.Model):
    """One question, or a section break, in the survey's order."""

    sort_order_field = "sort_order"

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("Single and multiple choice: one option per line. Matrix: one row per line."),
    )
    allow_other = models.BooleanField(
        _("“other, please specify”"), default=False, help_text=_("For single and multiple choice.")
    )
    scale_max = models.PositiveSmallIntegerField(
        _("scale"), choices=[(5, "1–5"), (10, "1–10")], default=5
    )
    low_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    high_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)
    municipality_country = models.CharField(
        _("municipalities of"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_(
            "Municipality questions: the country whose municipalities are offered (empty: all)."
        ),
    )
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    show_if_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if the answer to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependants",
    )
    show_if_value = models.CharField(
        _("is"), max_length=300, blank=True, help_text=_("An option of that question, or yes/no.")
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text

    @property
    def key(self) -> str:
        """How the answer is keyed in forms, the API and exports."""
        return f"q{self.pk}"

    @property
    def is_section(self) -> bool:
        return self.kind == Kind.SECTION

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def engine(self):
        """The kind's class in the questionnaire engine."""
        return kind_of(self)

    def clean(self):
        errors = self.engine.check(self)
        if len(set(self.option_list)) != len(self.option_list):
            errors["options"] = _("Each option may appear only once.")
        if self.show_if_question_id and not self.show_if_value:
            errors["show_if_value"] = _("Say which answer shows this question.")
        if errors:
            raise ValidationError(errors)


def _token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A personal link to a survey in invitation mode: one response per link."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    label = models.CharField(
        _("for"),
        max_length=200,
        blank=True,
        help_text=_("A name or a municipality; never shown publicly."),
    )
    email = models.EmailField(_("email address"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
        help_text=_("The organisation asked to answer: its members are told when it is sent."),
    )
    # Emailed (or, for an organisation, its members told) by `invitations_send`; reminded by
    # `invitations_remind`. Each is claimed by one conditional UPDATE before anything is sent.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(
        _("reminders"), default=0, db_default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        indexes = [models.Index(fields=["survey", "sent_at"], name="surveys_invit_sent_idx")]

    def __str__(self):
        return self.label or self.email or self.token[:8]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Started")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One person's (or one link's, or one browser's) answers to one survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    # An anonymous respondent's browser: a random key kept in its session, never linked to a person.
    browser_key = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT, db_index=True
    )
    section = models.PositiveSmallIntegerField(default=0)  # where a draft stands
    # Copied from the survey when the response starts: the unique constraints below apply only
    # where the survey asked for one response per person.
    one_per_person = models.BooleanField(default=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(fields=["survey", "status"]),
            # The results' check that a tally is current: COUNT and MAX(updated_at) of the
            # submitted responses, read from this index only.
            models.Index(fields=["survey", "status", "updated_at"], name="surveys_resp_tally_idx"),
        ]
        constraints = [
            # With one response per person: one per account and one per invitation link. The
            # service decides which applies; the database makes sure of it.
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False) & Q(one_per_person=True),
                name="surveys_response_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["survey", "invitation"],
                condition=Q(invitation__isnull=False) & Q(one_per_person=True),
                name="surveys_response_one_per_invitation",
            ),
            models.UniqueConstraint(
                fields=["survey", "browser_key"],
                condition=~Q(browser_key="") & Q(one_per_person=True),
                name="surveys_response_one_per_browser",
            ),
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.CharField(max_length=300, blank=True)
    row = models.CharField(max_length=300, blank=True)
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    hidden = models.BooleanField(_("hidden from public results"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(
                fields=["question", "option", "response"], name="surveys_answer_q_opt_idx"
            ),
            models.Index(fields=["question", "row", "number"], name="surveys_answer_q_row_idx"),
            # Covering for the inner side of a cross-tabulation (looked up by response and
            # question, reading the option or the number).
            models.Index(
                fields=["response", "question", "option", "number"],
                name="surveys_answer_resp_q_idx",
            ),
        ]

    def __str__(self):
        return self.option or self.text[:40] or str(self.number)


class ResultsTally(models.Model):
    """A survey's unfiltered result counts over its submitted responses (see `tallies`): what
    `results.summary` and the editors' cross-tabulations would count in SQL, kept by the services
    that write answers, and checked against the responses on every read (`respondents` and
    `latest` are the COUNT and MAX(updated_at) of the submitted responses it counts)."""

    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, primary_key=True, related_name="results_tally"
    )
    respondents = models.IntegerField(default=0)
    latest = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("results tally")
        verbose_name_plural = _("results tallies")

    def __str__(self):
        return f"{self.survey} ({self.respondents})"
