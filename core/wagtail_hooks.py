from wagtail import hooks

from core.cache import mark_page_cacheable


@hooks.register("before_serve_page")
def allow_public_page_cache(page, request, serve_args, serve_kwargs):
    mark_page_cacheable(page, request)
