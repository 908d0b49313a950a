"""Search is the last app in INSTALLED_APPS: after every other loader, rebuild the index once."""

from django.core.management import call_command


def load(stdout):
    call_command("rebuild_search_index", stdout=stdout)
