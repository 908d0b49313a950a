from django import template
from django.utils.translation import gettext as _

from accounts.models import display_name

register = template.Library()


@register.filter
def person(user, empty=""):
    """A user's display name, or ``empty`` (default “未指派”) when there is none."""
    if user is None:
        return empty or _("未指派")
    return display_name(user)
