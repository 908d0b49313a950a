from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.cache import public_cache
from search import query as search_query

# Shown on the empty page and when nothing matched: terms and questions the content answers
# (tests/search/test_query_table.py runs every one against the demo).
EXAMPLE_QUERIES = ["首违不罚", "信用修复", "合规整改", "没签劳动合同怎么办", "欠薪", "三合一", "合规沙龙"]


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 10_000 else 1


@require_GET
@public_cache  # anonymous results; every document change makes the search scope stale
def search(request):
    params = request.GET
    response = search_query.search(
        params.get("q", ""),
        type_key=params.get("type", ""),
        industry=params.get("industry", ""),
        page=_page_number(params.get("page")),
        include_past=params.get("past") == "1",
        request=request,
    )
    return render(
        request,
        "search/search.html",
        {
            "search": response,
            "page_obj": response.page,
            "examples": EXAMPLE_QUERIES,
            "title": _("搜索"),
        },
    )


@require_GET
@public_cache
def suggest(request):
    suggestions = search_query.suggest(request.GET.get("q", ""))
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
