"""The knowledge editors' group no longer grants admin access: that follows a person's roles in
organisations in good standing (core.auth_backends), so an editor of a pending organisation who
joined the group on an older version opens nothing."""

from django.db import migrations

EDITOR_GROUP = "Kunnskapsredaktører"


def remove_admin_access(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_admin_access, migrations.RunPython.noop)]
