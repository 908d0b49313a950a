"""An event's organisers become ordered child links, so the admin can offer a searchable chooser.

The old table's rows are copied over, and each revision's stored list of user ids is rewritten as
links, so drafts and older revisions still open (and keep their organisers) after the change.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def copy_links(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventOrganiser = apps.get_model("events", "EventOrganiser")
    old = EventPage.organisers.through
    EventOrganiser.objects.bulk_create(
        EventOrganiser(eventpage_id=row.eventpage_id, user_id=row.user_id, sort_order=n)
        for n, row in enumerate(old.objects.order_by("eventpage_id", "id"))
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if "organisers" not in content:
            continue
        ids = content.pop("organisers") or []
        content["organiser_links"] = [
            {"pk": None, "eventpage": content.get("pk"), "user": user_id, "sort_order": n}
            for n, user_id in enumerate(ids)
        ]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_rejection_and_attendee_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("wagtailcore", "0070_rename_pagerevision_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventOrganiser",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "eventpage",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organiser_links",
                        to="events.eventpage",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="组织者",
                    ),
                ),
            ],
            options={
                "verbose_name": "组织者",
                "verbose_name_plural": "组织者",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="eventorganiser",
            constraint=models.UniqueConstraint(fields=("eventpage", "user"), name="events_organiser_once"),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="eventpage", name="organisers"),
        migrations.AddField(
            model_name="eventpage",
            name="organisers",
            field=models.ManyToManyField(
                blank=True,
                help_text="可在后台管理本活动报名、签到和反馈的用户",
                related_name="organised_events",
                through="events.EventOrganiser",
                to=settings.AUTH_USER_MODEL,
                verbose_name="组织者",
            ),
        ),
    ]
