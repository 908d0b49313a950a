"""The whole generated site: the home and index pages, then every kind in turn, one line per phase."""

import time

from django.apps import apps
from django.db import transaction
from wagtail.models import Page

from library.models import FlexibleEnforcementPage, Industry
from portal.demo import ensure_child, get_home, home_body
from search import indexing
from search.models import SearchDocument
from tests.bench.factories.articles import ensure_articles_section, generate_articles
from tests.bench.factories.courses import generate_courses
from tests.bench.factories.drills import generate_drills, generate_self_checks
from tests.bench.factories.events import generate_events
from tests.bench.factories.library import generate_cases, generate_guidelines, generate_industries
from tests.bench.factories.pages import content_changed, generate_images
from tests.bench.factories.vocabulary import PREFIX

INDEX_PAGES = [
    (
        "library.GuidelineIndexPage",
        "guidelines",
        "行业合规指引",
        "针对重点行业,明确列出规则、划出红线、明确底线,明晰企业生产经营的“红绿灯”。",
    ),
    (
        "library.CaseIndexPage",
        "cases",
        "典型案例",
        "合规典型案例解析集:以案说法,挽救一个企业、警示类似企业、规范一个行业。",
    ),
    (
        "courses.CourseIndexPage",
        "courses",
        "视频课程",
        "看视频、读要点、做测验,结业即得可在线验证的电子证书。",
    ),
    ("drills.DrillIndexPage", "drills", "模拟执法检查与合规体检", "全场景还原生产经营、全流程模拟执法检查。"),
    (
        "events.EventIndexPage",
        "events",
        "论坛沙龙",
        "“白鹿法治论坛”与合规沙龙讲座,对行业企业开展预防性法治教育。",
    ),
]


def ensure_site():
    """The home page (created in place of Wagtail's welcome page if needed) and every index page."""
    home = get_home()
    if not home.body:
        home.body = home_body()
        home.save_revision().publish()
    indexes = {}
    for label, slug, title, intro in INDEX_PAGES:
        model = apps.get_model(label)
        existing = model.objects.child_of(home).first()
        indexes[slug] = (
            existing.specific if existing else ensure_child(home, model, slug, title=title, intro=intro)
        )
    if not FlexibleEnforcementPage.objects.exists():
        ensure_child(
            indexes["guidelines"],
            FlexibleEnforcementPage,
            "flexible-enforcement",
            title="“4+X”柔性执法清单",
            intro="首违不罚、轻微减罚、认罚轻处、公益减罚:列明可适用柔性执法的事项与适用条件。",
        )
    return home, indexes


def existing_generated():
    """How many pages and industries an earlier run generated."""
    return (
        Page.objects.filter(slug__startswith=PREFIX).count(),
        Industry.objects.filter(code__startswith=PREFIX).count(),
    )


def generate_site(
    industries=5,
    guideline_items=500,
    cases=200,
    courses=50,
    drills=20,
    events=200,
    search_docs=20000,
    seed=2026,
    log=print,
):
    """Build the whole generated site; ``log`` receives one line per kind."""

    def step(label, function, *args, **kwargs):
        started = time.perf_counter()
        with transaction.atomic():
            result = function(*args, **kwargs)
        count = len(result) if isinstance(result, (list, tuple)) else result
        log(f"{label}: {count} in {time.perf_counter() - started:.1f} s")
        return result

    started = time.perf_counter()
    home, indexes = step("home and index pages", lambda: ensure_site())
    industry_objs = step("industries", generate_industries, industries, seed)
    step(
        f"guideline pages ({guideline_items} items)",
        generate_guidelines,
        indexes["guidelines"],
        industry_objs,
        guideline_items,
        seed,
    )
    step("cases", generate_cases, indexes["cases"], cases, seed, industry_objs)
    images = step("cover images", generate_images, 6, seed)
    step("courses", generate_courses, indexes["courses"], courses, seed, industry_objs, images=images)
    step("drills", generate_drills, indexes["drills"], drills, seed, industry_objs, images=images)
    step("self-checks", generate_self_checks, indexes["drills"], industry_objs)
    step("events", generate_events, indexes["events"], events, seed, industry_objs)

    def refresh_indexes():
        # Pages published through Wagtail (their search jobs may only be queued): documents now.
        pages = [*indexes.values(), *FlexibleEnforcementPage.objects.all()]
        for page in pages:
            indexing.refresh_page.call(page.pk)
        return pages

    step("index page documents", refresh_indexes)
    section = step("knowledge section", lambda: [ensure_articles_section(home)])[0]
    indexing.refresh_page.call(section.pk)
    missing = max(0, search_docs - SearchDocument.objects.count())
    step("articles (extra search documents)", generate_articles, section, missing, seed)
    content_changed()
    log(
        f"search documents: {SearchDocument.objects.count()}; pages: {Page.objects.count()}; "
        f"total {time.perf_counter() - started:.1f} s"
    )
