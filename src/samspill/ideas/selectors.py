"""Reads shaped for the pages and endpoints of ideas: each list in a bounded number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from samspill.core import versions
from samspill.core.models import Follow, Municipality, Organisation
from samspill.core.permissions import roles_by_organisation
from samspill.ideas.models import (
    CommentReport,
    CommentStatus,
    Idea,
    IdeaComment,
    IdeaStatusChange,
    IdeaSupport,
)
from samspill.projects.models import Programme, Theme
from samspill.projects.selectors import parse_municipality_key

SORTS = ("support", "new", "comments")
FILTER_KEYS = ("theme", "status", "municipality", "programme")


def _visible_comment_count():
    counts = (
        IdeaComment.objects.filter(idea=OuterRef("pk"), status=CommentStatus.VISIBLE)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _with_lists(ideas):
    return (
        ideas.select_related("programme", "project")
        .annotate(comment_count=_visible_comment_count())
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only("pk", "country", "code", "name").order_by(
                    "name"
                ),
            ),
        )
    )


def idea_list_public(
    *,
    sort: str | None = "support",
    theme: str | None = None,
    status: str | None = None,
    municipality: str | None = None,
    programme: str | None = None,
):
    """Visible ideas of published programmes. `sort` is "support" (most supported first), "new"
    or "comments" (most visible comments first); `theme` and `programme` are slugs,
    `municipality` is like "dk-165", `status` one of `IdeaStatus`."""
    ideas = _with_lists(Idea.objects.visible())
    if programme:
        ideas = ideas.filter(programme__slug=programme)
    if status:
        ideas = ideas.filter(status=status)
    if theme:
        ideas = ideas.filter(
            Exists(Idea.themes.through.objects.filter(idea=OuterRef("pk"), theme__slug=theme))
        )
    if municipality:
        parsed = parse_municipality_key(municipality)
        if parsed is None:
            return ideas.none()
        country, code = parsed
        ideas = ideas.filter(
            Exists(
                Idea.municipalities.through.objects.filter(
                    idea=OuterRef("pk"),
                    municipality__country=country,
                    municipality__code=code,
                )
            )
        )
    if sort == "new":
        return ideas.order_by("-created_at", "-pk")
    if sort == "comments":
        return ideas.order_by("-comment_count", "-support_count", "-created_at", "-pk")
    return ideas.order_by("-support_count", "-created_at", "-pk")


def supported_ids(user, ids) -> set[int]:
    """Which of these ideas (primary keys) the person supports: one query for a page of them."""
    if not (user and user.is_authenticated):
        return set()
    ids = list(ids)
    if not ids:
        return set()
    return set(
        IdeaSupport.objects.filter(user=user, idea_id__in=ids).values_list("idea_id", flat=True)
    )


def published_programmes() -> list[Programme]:
    return list(Programme.objects.published().order_by("name"))


def filter_choices() -> dict:
    """Programmes, themes and municipalities of published programmes, for the list's filters:
    kept in this process (`versions.process_memo`) until a programme, theme or municipality
    changes."""
    return versions.process_memo(
        "ideas:filter-choices", _filter_choices, depends=("projects", "core")
    )


def _filter_choices() -> dict:
    programmes = published_programmes()
    themes = list(
        Theme.objects.filter(programme__is_published=True)
        .select_related("programme")
        .order_by("programme__name", "sort_order", "pk")
    )
    municipalities = list(
        Municipality.objects.filter(programmes__is_published=True)
        .distinct()
        .only("pk", "country", "code", "name")
        .order_by("country", "name")
    )
    return {"programmes": programmes, "themes": themes, "municipalities": municipalities}


def idea_get_public(*, pk: int) -> Idea:
    """One visible idea for its page, with its themes, municipalities and history."""
    idea = (
        _with_lists(Idea.objects.visible())
        .select_related("author", "organisation", "origin_event")
        .prefetch_related(
            Prefetch(
                "history",
                queryset=IdeaStatusChange.objects.select_related("project").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise Http404
    return idea


def idea_for_write(*, pk: int) -> Idea:
    """A visible idea for a write (support, follow, comment): its programme, nothing more."""
    idea = Idea.objects.visible().select_related("programme").filter(pk=pk).first()
    if idea is None:
        raise Http404
    return idea


def idea_comments(idea: Idea) -> list[IdeaComment]:
    """Every comment of the idea in order; the page shows hidden ones as a placeholder."""
    return list(
        IdeaComment.objects.filter(idea=idea).select_related("author").order_by("created_at", "pk")
    )


def comment_for_write(*, pk: int) -> IdeaComment:
    """A comment of a visible idea (to report or delete)."""
    comment = (
        IdeaComment.objects.filter(pk=pk, idea__is_hidden=False, idea__programme__is_published=True)
        .select_related("idea", "idea__programme")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def reported_ids(user, comments) -> set[int]:
    if not (user and user.is_authenticated) or not comments:
        return set()
    return set(
        CommentReport.objects.filter(
            reporter=user, comment_id__in=[c.pk for c in comments]
        ).values_list("comment_id", flat=True)
    )


def supporters(idea: Idea, *, limit: int = 50) -> dict:
    """The supporters people may see: the names of those who chose to be listed (at most
    `limit`), and how many others there are."""
    names = list(
        IdeaSupport.objects.filter(idea=idea, user__is_listed=True, user__is_active=True)
        .exclude(user__name="")
        .order_by("created_at", "pk")
        .values_list("user__name", flat=True)[:limit]
    )
    return {"names": names, "others": max(0, idea.support_count - len(names))}


def viewer_state(user, idea: Idea) -> dict:
    """Whether the person supports and follows the idea: one small query (plain SQL: the ORM's
    building of two EXISTS cost more than the query), none signed out."""
    if not (user and user.is_authenticated):
        return {"supported": False, "following": False}
    quote = connection.ops.quote_name
    sql = " ".join(
        [
            "SELECT",
            f"EXISTS(SELECT 1 FROM {quote(IdeaSupport._meta.db_table)}",
            "WHERE idea_id = %s AND user_id = %s),",
            f"EXISTS(SELECT 1 FROM {quote(Follow._meta.db_table)}",
            "WHERE content_type_id = %s AND object_id = %s AND user_id = %s)",
        ]
    )
    content_type = ContentType.objects.get_for_model(Idea)  # cached: no query
    with connection.cursor() as cursor:
        cursor.execute(sql, [idea.pk, user.pk, content_type.pk, idea.pk, user.pk])
        supported, following = cursor.fetchone()
    return {"supported": bool(supported), "following": bool(following)}


def idea_page(*, pk: int) -> dict:
    """What an idea's page shows to everyone: the idea (`idea_get_public`), its history, its
    comments and its supporters; kept (`versions.memo`) until what it shows changes: ideas,
    their programme and themes (projects), organisations and municipalities (core), the event it
    came from (events), the names of its author, commenters and supporters (people)."""

    def compute():
        idea = idea_get_public(pk=pk)
        return {
            "idea": idea,
            "history": list(idea.history.all()),
            "comments": idea_comments(idea),
            "supporters": supporters(idea),
        }

    return versions.memo(
        f"ideas:page:{int(pk)}", compute, depends=("ideas", "projects", "core", "events", "people")
    )


def member_organisations(user) -> list[Organisation]:
    """The organisations a person may propose on behalf of (any membership)."""
    ids = list(roles_by_organisation(user))
    if not ids:
        return []
    return list(Organisation.objects.filter(pk__in=ids).only("pk", "name").order_by("name"))


def programme_for_proposal(programmes: list[Programme]) -> list[Programme]:
    """Published programmes with their themes and municipalities prefetched."""
    ids = [p.pk for p in programmes]
    return list(
        Programme.objects.filter(pk__in=ids)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only("pk", "country", "code", "name").order_by(
                    "name"
                ),
            ),
        )
        .order_by("name")
    )


def has_filter(values: dict) -> bool:
    return any(values.get(key) for key in FILTER_KEYS)
