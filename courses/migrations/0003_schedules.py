"""The courses app's daily django-q2 schedules; they call core.jobs.run_scheduled, as every schedule does."""

from django.db import migrations

SCHEDULES = [
    ("courses.jobs.remind_expiring_certificates", "courses: remind expiring certificates"),
    ("courses.jobs.remind_assignments", "courses: remind assigned courses"),
]


def create_schedules(apps, schema_editor):
    from core.jobs import schedule_defaults

    Schedule = apps.get_model("django_q", "Schedule")
    for task_path, name in SCHEDULES:
        Schedule.objects.update_or_create(name=name, defaults=schedule_defaults(task_path, "D"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_initial"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create_schedules, migrations.RunPython.noop)]
