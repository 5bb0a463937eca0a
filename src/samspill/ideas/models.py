"""Ideas: loose proposals for a programme, with support, followers, comments and moderation.

An `Idea` is a loose proposal from a signed-in member. People support it (one `IdeaSupport` per
person and idea: a unique constraint, so two simultaneous clicks make one row), follow it (the
author and supporters follow by default) and comment on it; editors moderate reported comments and
move the idea through its statuses, each change kept in `IdeaStatusChange`. Following is core's
(`core.notifications`, target "ideas.idea": `ideas.following`). An idea turned into a
project keeps its page, its history and its supporters, and links to the project.

`Idea.support_count` is kept by `services.idea_support` / `idea_unsupport` in the same transaction
as the support row, so that the idea list sorts by support on an index instead of counting a
million rows.

The tables began in the projects app; their constraint and index names keep its prefix.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.core.models import Municipality, Organisation
from samspill.projects.models import Programme, Project, Theme, programme_language


class IdeaStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    PROJECT = "project", _("Turned into a project")


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False, programme__is_published=True)


class Idea(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="ideas"
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="ideas"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    origin_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("came up at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        limit_choices_to={"kind__in": ["workshop", "network_meeting"]},
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.PROPOSED
    )
    status_reason = models.TextField(
        _("public reason"),
        max_length=2000,
        blank=True,
        help_text=_("Shown on the idea's page; required when an idea is declined."),
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("became the project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    support_count = models.PositiveIntegerField(_("supporters"), default=0, editable=False)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by an editor: not listed nor shown.")
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The idea list sorts by support, newest first among equals, across programmes or
            # within one (the order of `selectors.idea_list_public`).
            models.Index(fields=["-support_count", "-created_at", "-id"], name="projects_idea_top"),
            models.Index(
                fields=["programme", "-support_count", "-created_at", "-id"],
                name="projects_idea_support",
            ),
            models.Index(fields=["-created_at", "-id"], name="projects_idea_new"),
            models.Index(fields=["status"], name="projects_idea_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in IdeaStatus]),
                name="projects_idea_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="project") | Q(project__isnull=False),
                name="projects_idea_project_when_turned",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea", kwargs={"pk": self.pk})

    @property
    def content_language(self) -> str:
        """The language its texts are in, for `lang`: its programme's (`programme_language`)."""
        return programme_language(self.programme_id)


class IdeaSupport(models.Model):
    """One person's support for an idea. The unique constraint is the rule: one per person."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="projects_support_once"),
        ]
        indexes = [models.Index(fields=["user", "idea"], name="projects_support_user")]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class IdeaFollower(models.Model):
    """Retired: following is core's (`core.notifications`); migration 0003 copied these rows to
    core `Follow`. Nothing reads or writes it any more. It stays for one release so that the
    previous release's code, still serving while the upgrade migrates, can write it (expand, then
    contract: tests/core/test_migration_policy.py); the next release drops it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="projects_follow_once"),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class IdeaStatusChange(models.Model):
    """The idea's history: every move between statuses, with the public reason."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=12, choices=IdeaStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=IdeaStatus.choices)
    reason = models.TextField(_("public reason"), max_length=2000, blank=True)
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by an editor")


class IdeaComment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_comments",
    )
    body = models.TextField(_("comment"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    moderation_note = models.CharField(_("moderation note"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="projects_comment_idea")]

    def __str__(self):
        return self.body[:60]


class CommentReport(models.Model):
    """A reader's report of a comment; editors see open reports in the admin."""

    comment = models.ForeignKey(IdeaComment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="projects_report_once"),
        ]

    def __str__(self):
        return self.reason or str(self.comment_id)
