"""Sections as documents of their own (a guideline's items), the term index, the synonyms.

Documents and terms are derived data: ``rebuild_search_index`` writes them again.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seed_synonyms(apps, schema_editor):
    from search.analysis import seed_synonym_groups

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for group in seed_synonym_groups():
        SynonymGroup.objects.get_or_create(terms=", ".join(group))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_index_entry_storage"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="page",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="search_documents",
                to=settings.WAGTAIL_PAGE_MODEL,
                verbose_name="页面",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="section",
            field=models.CharField(
                blank=True, help_text="页面内的锚点（如指引条目），整页为空", max_length=64, verbose_name="页内位置"
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="labels",
            field=models.TextField(blank=True, help_text="等级、4+X 类别、行业等，每行一个", verbose_name="标签"),
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.UniqueConstraint(fields=("page", "section"), name="search_document_page_section"),
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=64)),
                ("weight", models.FloatField()),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="terms", to="search.searchdocument"
                    ),
                ),
            ],
            options={
                "verbose_name": "索引词",
                "verbose_name_plural": "索引词",
                "indexes": [models.Index(fields=["term", "document", "weight"], name="search_term_lookup")],
            },
        ),
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.TextField(
                        help_text="用逗号或顿号分隔，如：社保，社会保险，五险一金", unique=True, verbose_name="同义词"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="备注")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
            ],
            options={"verbose_name": "同义词", "verbose_name_plural": "同义词", "ordering": ["pk"]},
        ),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
