"""What the public search reads from a page: the ``SearchablePage`` mixin.

Every page type that appears in the public search inherits it (before ``Page``) and
overrides what it has: the text comes from Wagtail's ``search_fields``; the rest from the
methods below. The ``search`` app reads pages only through this interface.
"""

from dataclasses import dataclass, field


@dataclass
class SearchSection:
    """A part of a page that is a search result of its own, linked by its anchor (a guideline item)."""

    anchor: str
    title: str
    text: str
    labels: list = field(default_factory=list)
    industries: list = field(default_factory=list)
    model: type | None = None  # what kind of result it is (the type facet); None: the page's type


class SearchablePage:
    """The public search's view of a page; the defaults suit a plain content page."""

    #: False keeps a page type out of the public search (the home page).
    search_listed = True

    def search_industries(self):
        """The ``library.Industry`` objects the page is about (the industry facet)."""
        return []

    @property
    def search_summary(self):
        """The text shown under the result's title (plain text; the start of the body if empty)."""
        return self.search_description or getattr(self, "intro", "") or ""

    def search_labels(self):
        """Short labels indexed with the title's weight: levels, categories, tags, English names."""
        return []

    def search_period(self):
        """(start, end) for dated content (events): ended ones leave the default results."""
        return None, None

    def search_sections(self):
        """Parts of the page that are results of their own (``SearchSection``)."""
        return []
