from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

BATCH = 1000


def followers_to_core(apps, schema_editor):
    """Every `IdeaFollower` becomes a core `Follow` of the idea (content type ideas.idea), keeping
    its date. `auto` when the hub followed it for them: the person proposed or supported the idea
    (they may have clicked "Follow" too; that cannot be told, and they followed it anyway)."""
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    IdeaFollower = apps.get_model("ideas", "IdeaFollower")
    IdeaSupport = apps.get_model("ideas", "IdeaSupport")
    Idea = apps.get_model("ideas", "Idea")
    Follow = apps.get_model("core", "Follow")
    content_type, _created = ContentType.objects.using(db).get_or_create(
        app_label="ideas", model="idea"
    )
    last = 0
    while True:
        rows = list(
            IdeaFollower.objects.using(db)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "idea_id", "user_id")[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        idea_ids = {idea_id for _pk, idea_id, _user in rows}
        authors = set(
            Idea.objects.using(db)
            .filter(pk__in=idea_ids, author__isnull=False)
            .values_list("pk", "author_id")
        )
        supports = set(
            IdeaSupport.objects.using(db)
            .filter(idea_id__in=idea_ids, user_id__in={user for _pk, _idea, user in rows})
            .values_list("idea_id", "user_id")
        )
        Follow.objects.using(db).bulk_create(
            [
                Follow(
                    user_id=user_id,
                    content_type=content_type,
                    object_id=idea_id,
                    auto=(idea_id, user_id) in authors or (idea_id, user_id) in supports,
                )
                for _pk, idea_id, user_id in rows
            ],
            ignore_conflicts=True,
        )
    # auto_now_add dated them today: they keep the date they began following (one UPDATE).
    began = IdeaFollower.objects.using(db).filter(
        idea_id=OuterRef("object_id"), user_id=OuterRef("user_id")
    )
    Follow.objects.using(db).filter(content_type=content_type).update(
        created_at=Coalesce(Subquery(began.values("created_at")[:1]), F("created_at"))
    )


def followers_back(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    IdeaFollower = apps.get_model("ideas", "IdeaFollower")
    Idea = apps.get_model("ideas", "Idea")
    Follow = apps.get_model("core", "Follow")
    content_type = (
        ContentType.objects.using(db).filter(app_label="ideas", model="idea").first()
    )
    if content_type is None:
        return
    ideas = set(Idea.objects.using(db).values_list("pk", flat=True))
    rows = [
        IdeaFollower(idea_id=object_id, user_id=user_id, created_at=created_at)
        for user_id, object_id, created_at in Follow.objects.using(db)
        .filter(content_type=content_type)
        .values_list("user_id", "object_id", "created_at")
        .iterator()
        if object_id in ideas
    ]
    IdeaFollower.objects.using(db).bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


class Migration(migrations.Migration):
    """The followers of ideas move to core's engine (issue 19); 0004 drops their table."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_following_and_notifications"),
        ("ideas", "0002_ideas_tables"),
    ]

    operations = [migrations.RunPython(followers_to_core, followers_back, elidable=False)]
