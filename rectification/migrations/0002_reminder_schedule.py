"""Schedule the daily rectification reminders on the django-q2 cluster (idempotent: keyed by name)."""

from django.db import migrations

SCHEDULE_NAME = "rectification.send_reminders"


def create_schedule(apps, schema_editor):
    from core.jobs import schedule_defaults

    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        # Hourly: each reminder is sent once, so a missed hour costs nothing.
        defaults=schedule_defaults("rectification.jobs.send_reminders", "H"),
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
