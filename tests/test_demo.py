"""`manage.py load_demo` builds the demo site and is idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

# Rows that legitimately change on every run (logs, sessions, queued jobs, search index).
VOLATILE = {"sessions", "django_q", "wagtailsearch", "modelsearch", "admin", "contenttypes"}


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in VOLATILE and not model._meta.proxy
    }


# Not transactional: pytest-django runs it with the other non-transactional tests, on the
# database exactly as the migrations left it.
@pytest.mark.django_db
def test_load_demo_twice_duplicates_nothing():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = row_counts()
    call_command("load_demo", stdout=io.StringIO())
    second = row_counts()
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert changed == {}
    assert first["portal.HomePage"] == 2  # the Chinese home page and its English translation
    assert first["accounts.Enterprise"] >= 2
