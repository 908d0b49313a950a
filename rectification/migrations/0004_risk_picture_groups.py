"""The contact points' and the district office's groups: admin access and the risk picture."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("合规建设联系点", "区营商办")  # portal.roles.CONTACT_POINTS, DISTRICT_OFFICE


def add_groups(apps, schema_editor):
    app_config = apps.get_app_config("rectification")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = Permission.objects.filter(
        content_type__app_label__in=["rectification", "wagtailadmin"],
        codename__in=["view_risk_picture", "access_admin"],
    )
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0003_risk_picture_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
