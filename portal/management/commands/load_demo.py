"""Build the demo site: each app's ``demo.load(stdout)`` runs in INSTALLED_APPS order.

Every loader is idempotent (it looks its objects up by a natural key before
creating them), so running the command twice duplicates nothing.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo_english


class Command(BaseCommand):
    help = "Load the Chinese demo content (idempotent)."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            if app_config.label == "search":
                # English names and translations refer to the content apps' pages; the search
                # loader, last, indexes everything once.
                with transaction.atomic():
                    demo_english.load(self.stdout)
            self.stdout.write(f"· {app_config.verbose_name} ({app_config.label})")
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪 / demo content ready"))
