from django import template

from portal.models.accounts import display_name

register = template.Library()


@register.filter
def person(user):
    """A user's display name; "—" for none (e.g. a deleted account)."""
    return display_name(user) if user is not None else "—"
