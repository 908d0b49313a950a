"""Schedule the daily rectification reminders on the django-q2 cluster (idempotent: keyed by name)."""

from django.db import migrations

SCHEDULE_NAME = "rectification.send_reminders"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "rectification.jobs.send_reminders",
            "schedule_type": "H",  # hourly: each reminder is sent once, so a missed hour costs nothing
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
