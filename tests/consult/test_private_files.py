"""Consultation attachments live on private storage; the old public copies are moved there."""

import importlib
import os

import pytest

from .factories import pdf_file, submit

pytestmark = pytest.mark.django_db


def test_consultation_attachments_are_private(client, desk, settings):
    consultation = submit(desk.asker, files=[pdf_file("合同.pdf")])
    attachment = consultation.attachments.get()
    assert attachment.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, attachment.file.name))
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    anonymous = client.get(attachment.get_absolute_url())
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(desk.colleague)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(desk.asker)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_the_migration_moves_existing_attachments_out_of_media(desk, settings):
    from django.apps import apps

    consultation = submit(desk.asker, files=[pdf_file("合同.pdf")])
    name = consultation.attachments.get().file.name
    private_path = os.path.join(settings.PRIVATE_MEDIA_ROOT, name)
    public_path = os.path.join(settings.MEDIA_ROOT, name)
    os.makedirs(os.path.dirname(public_path), exist_ok=True)
    os.replace(private_path, public_path)  # where it lay before private storage

    migration = importlib.import_module("consult.migrations.0006_private_storage")
    migration.move_to_private(apps, None)
    assert os.path.isfile(private_path) and not os.path.exists(public_path)
