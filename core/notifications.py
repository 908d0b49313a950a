"""Send a notification at most once per key, however often the job that sends it runs."""

from django.db import IntegrityError, transaction

from core.models import SentNotification


def notification_key(obj, kind):
    """``events.registration:42:confirmed``: the object (by model and pk) and the kind of message."""
    return f"{obj._meta.label_lower}:{obj.pk}:{kind}"


def send_once(key, send):
    """Call ``send()`` unless a notification with ``key`` was already sent; True when it sent now.

    The key is claimed in the same transaction as the send: a second run waits on the unique
    index and then finds the row; if ``send()`` fails, the claim is rolled back and a retry sends.
    """
    try:
        with transaction.atomic():
            SentNotification.objects.create(key=key)
            send()
    except IntegrityError:
        return False
    return True
