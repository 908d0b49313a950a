"""The admin's breadcrumbs start at the tree's root page; Wagtail creates it titled "Root"."""

from django.db import migrations


def name_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="全部站点", draft_title="全部站点")


def unname_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="全部站点").update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_english_labels")]

    operations = [migrations.RunPython(name_root, unname_root)]
