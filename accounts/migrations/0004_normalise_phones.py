"""Existing phone numbers in the one stored form (ASCII digits, no +86, spaces or dashes)."""

from django.db import migrations

from accounts.validators import normalize_phone


def normalise(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    for profile in Profile.objects.exclude(phone="").only("pk", "phone").iterator():
        phone = normalize_phone(profile.phone)
        if phone != profile.phone:
            Profile.objects.filter(pk=profile.pk).update(phone=phone)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_profile_erased_at")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
