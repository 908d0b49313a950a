# Lessons point at the course media copies made in 0006; a migration of its own, so that on
# PostgreSQL the new foreign key is not added in the transaction that inserted the rows.

import django.db.models.deletion
from django.db import migrations, models


def remove_public_media(apps, schema_editor):
    """The lessons now point at the copies; the old rows (and their public paths) go."""
    apps.get_model("wagtailmedia", "Media").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_private_course_media"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lesson",
            name="video",
            field=models.ForeignKey(
                blank=True,
                help_text="视频须填写时长（秒），用于统计观看进度",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="courses.coursemedia",
                verbose_name="视频",
            ),
        ),
        migrations.RunPython(remove_public_media, migrations.RunPython.noop),
    ]
