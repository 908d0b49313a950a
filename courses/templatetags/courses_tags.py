from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def course_url(context, course, name, *args):
    """URL of one of a course page's own routes (lesson, quiz, enrol …)."""
    request = context.get("request")
    base = course.get_url(request=request) if request else course.url
    return base + course.reverse_subpage(name, args=args)


@register.filter
def duration(seconds):
    """Seconds as m:ss or h:mm:ss."""
    seconds = int(round(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
