"""Create (once) the demo administrator that `make run` prints."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo superuser if it does not exist, and print its credentials."

    def handle(self, *args, **options):
        email = os.environ.get("DEMO_ADMIN_EMAIL", "admin@example.com")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "demo-admin-2026")
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None:
            user = User.objects.create_superuser("admin", email, password)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wagtail admin: http://127.0.0.1:8000/admin/  user: admin  password: {password}"
                if user.check_password(password)
                else "Wagtail admin: http://127.0.0.1:8000/admin/  user: admin (password changed since)"
            )
        )
