from django.db import migrations


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for func, name in [
        ("courses.jobs.remind_expiring_certificates", "courses: remind expiring certificates"),
        ("courses.jobs.remind_assignments", "courses: remind assigned courses"),
    ]:
        Schedule.objects.get_or_create(name=name, defaults={"func": func, "schedule_type": "D"})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_initial"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create_schedules, migrations.RunPython.noop)]
