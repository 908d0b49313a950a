"""Extract one app's strings (its code and its templates/<label>/ folder) into <app>/locale/en.

Each app keeps its own English catalogue, so apps can be translated independently.
The portal's catalogue also covers the shared templates (base, includes, blocks, account).
"""

import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SHARED_TEMPLATE_DIRS = ["includes", "blocks", "account", "allauth", "email", "portal", "wagtailadmin"]


class Command(BaseCommand):
    help = "makemessages -l en for one app, including its templates folder."

    def add_arguments(self, parser):
        parser.add_argument("label")

    def handle(self, label, **options):
        try:
            app_config = apps.get_app_config(label)
        except LookupError as exc:
            raise CommandError(str(exc))
        app_dir = Path(app_config.path)
        templates = Path(settings.BASE_DIR) / "templates"
        (app_dir / "locale").mkdir(exist_ok=True)
        links = []
        folders = SHARED_TEMPLATE_DIRS if label == "portal" else [label]
        for folder in folders:
            if (templates / folder).is_dir():
                link = app_dir / f"_templates_{folder}"
                if not link.exists():
                    link.symlink_to(templates / folder)
                links.append(link)
        if label == "portal":
            for name in ("base.html", "403.html", "404.html", "500.html"):
                link = app_dir / f"_templates_{name}"
                if not link.exists():
                    link.symlink_to(templates / name)
                links.append(link)
        nested = [
            os.path.relpath(other.path, app_dir)
            for other in apps.get_app_configs()
            if other is not app_config and Path(other.path).is_relative_to(app_dir)
        ]
        cmd = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "makemessages",
            "-l",
            "en",
            "--symlinks",
            "--no-obsolete",
            "--ignore=migrations",
        ]
        cmd += [f"--ignore={path}" for path in nested]
        try:
            subprocess.run(cmd, cwd=app_dir, check=True)
        finally:
            for link in links:
                link.unlink(missing_ok=True)
