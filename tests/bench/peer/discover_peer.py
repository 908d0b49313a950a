"""Print the peer's URL of each page kind as JSON (run with the peer's Python and settings)."""

import json

import django

django.setup()

from bakerydemo.base.models import HomePage  # noqa: E402
from bakerydemo.blog.models import BlogIndexPage, BlogPage  # noqa: E402
from bakerydemo.breads.models import BreadsIndexPage  # noqa: E402


def first(model):
    page = model.objects.live().order_by("path").first()
    return page.url if page else None


urls = {
    "bare view": "/_bench/bare",
    "home": first(HomePage),
    "blog page": first(BlogPage),
    "blog index": first(BlogIndexPage),
    "breads index": first(BreadsIndexPage),
    "search": "/search/?q=bread",
}
print(json.dumps({label: url for label, url in urls.items() if url}))
