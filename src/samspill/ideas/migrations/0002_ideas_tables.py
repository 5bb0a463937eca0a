from django.db import migrations

MODELS = [
    "idea",
    "ideacomment",
    "commentreport",
    "ideafollower",
    "ideastatuschange",
    "ideasupport",
]


def content_types_follow(apps, schema_editor):
    """The content types of the moved models (and so their permissions, and the audit entries and
    revisions that point at them) move to the ideas app. Where an ideas one exists already, the
    old one stays (`remove_stale_contenttypes` tidies it)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="ideas", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="projects", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="ideas")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label="projects", model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label="ideas", model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label="projects")


class Migration(migrations.Migration):
    """The tables the ideas kept from the projects app take the ideas app's names (the
    many-to-many tables of themes and municipalities follow the idea's)."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ideas", "0001_initial"),
        ("projects", "0002_ideas_move_to_their_app"),
    ]

    operations = [
        migrations.RunPython(content_types_follow, content_types_return, elidable=False),
        migrations.AlterModelTable(name="idea", table=None),
        migrations.AlterModelTable(name="ideacomment", table=None),
        migrations.AlterModelTable(name="commentreport", table=None),
        migrations.AlterModelTable(name="ideafollower", table=None),
        migrations.AlterModelTable(name="ideastatuschange", table=None),
        migrations.AlterModelTable(name="ideasupport", table=None),
    ]
