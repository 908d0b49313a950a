from django import template

from accounts.models import display_name

register = template.Library()


@register.filter
def person(user):
    """A user's display name; "—" for none (e.g. a deleted account)."""
    return display_name(user) if user is not None else "—"


@register.filter
def stars(score):
    """A 1–5 rating drawn as stars, e.g. ★★★★☆."""
    try:
        score = max(0, min(5, int(score)))
    except (TypeError, ValueError):
        return ""
    return "★" * score + "☆" * (5 - score)
