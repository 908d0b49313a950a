"""What every page type of the site shares (``SitePage``, ``SitePageManager``): fewer queries a request.

View restrictions come from the request's one read (core.request_memo) for ``.public()`` and a
served page's checks, a section of one page type finds its child in one query, and a page on
the way to another is read no further than its page row.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import resolve_model_string
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from core.request_memo import restricted_sections


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail's, from the sections read once a request (it reads every restriction each call).
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])


class SitePageManager(PageManager.from_queryset(SitePageQuerySet)):
    """The page manager of the site's page types: ``.public()`` costs a query a request at most."""


class SitePage:
    """Mixed into every page type of the site (before ``Page``), with ``objects = SitePageManager()``."""

    # The type nearly all of a section's children are, when it allows more than one (guidelines,
    # beside one 4+X page): looked for first. A section of one type looks for that one.
    principal_subpage_type = None
    # The relations a page's own template shows (its industry, its cover): read in the same query
    # when a section finds it (``route``).
    served_with = ()

    def route(self, request, path_components):
        # A section finds its child as its principal type in one query; Wagtail's lookup takes two
        # (the page, then its specific row). A child of another type (the 4+X page, or one moved
        # in) is missed here and found by Wagtail's. A routable page's own routes come first.
        model = self.principal_subpage_model()
        if path_components and model is not None and not self.answers_itself(path_components):
            children = model.objects.child_of(self).select_related(*getattr(model, "served_with", ()))
            child = children.filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail does: the breadcrumb needs no query
                return child.route(request, path_components[1:])
        if len(path_components) > 1:
            return self.route_through_section(request, path_components)
        return super().route(request, path_components)

    @classmethod
    def principal_subpage_model(cls):
        if cls.principal_subpage_type:
            return resolve_model_string(cls.principal_subpage_type)
        subpage_models = cls.clean_subpage_models()
        return subpage_models[0] if len(subpage_models) == 1 else None

    def answers_itself(self, path_components):
        """Whether one of this (routable) page's own routes answers the path, as RoutablePageMixin
        tries before the children."""
        if not isinstance(self, RoutablePageMixin) or not self.live:
            return False
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def route_through_section(self, request, path_components):
        """Route to a page below a child of this page (the home page's /cases/x/) reading only the
        child's page row: finding its own child needs no more of it. Wagtail reads its specific row
        too, a query more. When the child answers itself (one of its routes, calendar.ics), it is
        read whole then, as Wagtail would have."""
        child = self.get_children().filter(slug=path_components[0]).first()
        if child is None:
            return super().route(request, path_components)  # Wagtail's 404
        section = child.specific_deferred
        section._cached_parent_obj = self
        result = section.route(request, path_components[1:])
        if result.page is section:
            whole = type(section).objects.get(pk=section.pk)
            whole._cached_parent_obj = self
            result = RouteResult(whole, result.args, result.kwargs)
        return result

    def get_view_restrictions(self):
        # With no restriction anywhere (the usual case), neither of a served page's two checks
        # needs its ancestors or their restrictions.
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
