"""Wagtail's database search backend. (Chinese segmentation is added by the search app.)"""

from wagtail.search.backends.database import SearchBackend  # noqa: F401
