"""Schedule the 315 deadline check on the django-q2 cluster (idempotent: keyed by name); it calls
core.jobs.run_scheduled, as every schedule does."""

from django.db import migrations

SCHEDULE_NAME = "consult.check_deadlines"


def create_schedule(apps, schema_editor):
    from core.jobs import schedule_defaults

    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        # "I": every `minutes` minutes
        name=SCHEDULE_NAME,
        defaults=schedule_defaults("consult.jobs.check_deadlines", "I", minutes=5),
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consult", "0002_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
