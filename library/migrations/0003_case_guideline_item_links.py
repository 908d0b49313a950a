"""A case's guideline items become ordered child links, so the admin can offer a searchable chooser.

The old table's rows are copied over, and each revision's stored list of item ids is rewritten as
links, so drafts and older revisions still open (and keep their items) after the change.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor):
    CasePage = apps.get_model("library", "CasePage")
    CaseGuidelineItem = apps.get_model("library", "CaseGuidelineItem")
    old = CasePage.guideline_items.through
    CaseGuidelineItem.objects.bulk_create(
        CaseGuidelineItem(casepage_id=row.casepage_id, guidelineitem_id=row.guidelineitem_id, sort_order=n)
        for n, row in enumerate(old.objects.order_by("casepage_id", "id"))
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="library", model="casepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if "guideline_items" not in content:
            continue
        ids = content.pop("guideline_items") or []
        content["guideline_item_links"] = [
            {"pk": None, "casepage": content.get("pk"), "guidelineitem": item_id, "sort_order": n}
            for n, item_id in enumerate(ids)
        ]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_english_names"),
        ("wagtailcore", "0070_rename_pagerevision_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseGuidelineItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "casepage",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guideline_item_links",
                        to="library.casepage",
                    ),
                ),
                (
                    "guidelineitem",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="library.guidelineitem",
                        verbose_name="指引条目",
                    ),
                ),
            ],
            options={
                "verbose_name": "关联指引条目",
                "verbose_name_plural": "关联指引条目",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="caseguidelineitem",
            constraint=models.UniqueConstraint(fields=("casepage", "guidelineitem"), name="library_case_item_once"),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="casepage", name="guideline_items"),
        migrations.AddField(
            model_name="casepage",
            name="guideline_items",
            field=models.ManyToManyField(
                blank=True,
                related_name="cases",
                through="library.CaseGuidelineItem",
                to="library.guidelineitem",
                verbose_name="关联指引条目",
            ),
        ),
    ]
