"""Organisation editors upload and choose images (logos, pictures of projects and events): the
editors' group gets Wagtail's image permissions on the root collection, as
`services.ensure_editor_group` gives a new hub. (On a new database the permissions do not exist
yet when this runs; the hub's setup grants them.)"""

from django.db import migrations

EDITOR_GROUP = "Kunnskapsredaktører"


def grant_images(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if group is None or root is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=("add_image", "choose_image")
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_editor_group_grants_no_admin_access"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant_images, migrations.RunPython.noop)]
