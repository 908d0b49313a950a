"""A generated, fully published site at any size: for benchmarks and query-count tests.

``manage.py generate_site`` calls :func:`generate_site`; tests call the per-kind
functions (``generate_cases(parent, count)`` …) with small counts and grow them.

Speed comes from inserting pages in bulk (:func:`bulk_add_pages` computes the
tree paths itself and writes each table with one INSERT per batch) instead of one
``add_child`` and one revision per page: the pages are live without revisions,
like pages created by ``add_child(instance=Page(live=True))``. Because no save
signals fire, each function finishes its pages itself (:func:`finish_pages`): the
public search documents, Wagtail's search index and the reference index.

Everything is deterministic for a given seed. Generated slugs (and industry codes)
start with ``gen-``, so a second run can tell it would duplicate them.
"""

import random
import time
import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends_with_name

PREFIX = "gen-"

# --- vocabulary ---------------------------------------------------------------------------

INDUSTRY_NAMES = [
    ("鞋革", "footprints"),
    ("软件", "laptop"),
    ("建筑", "building-2"),
    ("服装", "shirt"),
    ("眼镜", "glasses"),
    ("餐饮", "utensils"),
    ("化工", "flask-conical"),
    ("物流", "truck"),
    ("电子商务", "shopping-cart"),
    ("印刷包装", "printer"),
    ("医药", "pill"),
    ("汽车维修", "wrench"),
    ("食品加工", "package"),
    ("家具制造", "armchair"),
    ("电气机械", "zap"),
    ("泵阀", "factory"),
    ("五金", "wrench"),
    ("纺织", "scissors"),
    ("教育培训", "graduation-cap"),
    ("房地产", "home"),
    ("旅游", "briefcase"),
    ("医疗器械", "stethoscope"),
    ("新能源", "battery-charging"),
    ("汽摩配件", "car"),
    ("打火机", "flame"),
    ("制笔", "pen-line"),
    ("塑料制品", "package"),
    ("锁具", "lock"),
]

RISK_AREAS = [
    ("governance", "治理结构"),
    ("finance-tax", "财务税务"),
    ("labour", "劳动用工"),
    ("safety", "安全生产"),
    ("environment", "生态环境"),
    ("ip", "知识产权"),
    ("data", "数据与网络安全"),
    ("market", "市场经营"),
]

# Per risk area: prohibited acts (red), duties (yellow), good practice (green), laws cited.
RULES = {
    "governance": (
        ["以合规承诺代替实际整改", "伪造合规管理台账", "隐匿、销毁会计凭证"],
        ["明确合规管理负责人", "建立重大决策合规审查程序", "每年开展合规风险评估"],
        ["设立合规专员并定期培训", "发布企业合规手册", "向行业协会合规建设联系点报告"],
        ["《公司法》第一百八十条", "《涉案企业合规建设、评估和审查办法(试行)》第五条"],
    ),
    "finance-tax": (
        ["虚开增值税专用发票", "骗取出口退税", "隐瞒销售收入偷逃税款"],
        ["按期如实办理纳税申报", "核验进项发票“三流一致”", "规范使用个人账户收付款"],
        ["建立供应商准入和发票复核制度", "聘请专业机构开展税务健康检查", "定期进行财务内控审计"],
        ["《刑法》第二百零五条", "《税收征收管理法》第六十三条", "《发票管理办法》第二十一条"],
    ),
    "labour": (
        ["拒不支付劳动报酬", "使用童工", "以扣押证件方式限制员工离职"],
        ["用工一个月内订立书面劳动合同", "依法为员工缴纳社会保险", "加班时长每月不超过三十六小时"],
        ["建立工资支付台账和专户", "开展劳动用工合规体检", "设立员工申诉渠道"],
        ["《劳动合同法》第八十二条", "《劳动法》第四十一条", "《刑法》第二百七十六条之一"],
    ),
    "safety": (
        ["生产、仓储、住宿“三合一”", "无证从事特种作业", "关闭、破坏安全监控设备"],
        ["落实全员安全生产责任制", "对从业人员进行安全生产教育和培训", "定期排查治理事故隐患"],
        ["推行安全生产标准化建设", "每季度组织应急疏散演练", "引入第三方安全评估"],
        ["《安全生产法》第二十八条", "《消防法》第十九条", "《刑法》第一百三十四条"],
    ),
    "environment": (
        ["通过暗管偷排有毒有害废水", "非法倾倒危险废物", "篡改自动监测数据"],
        ["依法取得排污许可证", "收集处理含挥发性有机物的废气", "建立危险废物管理台账"],
        ["开展清洁生产审核", "公开企业环境信息", "参与生态修复公益活动"],
        ["《环境保护法》第六十三条", "《大气污染防治法》第一百零八条", "《刑法》第三百三十八条"],
    ),
    "ip": (
        ["假冒他人注册商标", "侵犯他人商业秘密", "销售盗版软件"],
        ["接单前核验品牌授权", "规范使用开源软件许可证", "与核心员工签订保密协议"],
        ["建立知识产权管理制度", "及时申请商标和专利保护", "开展知识产权合规培训"],
        ["《商标法》第五十七条", "《反不正当竞争法》第九条", "《刑法》第二百一十三条"],
    ),
    "data": (
        ["非法出售公民个人信息", "未经同意收集人脸信息", "为电信诈骗提供技术支持"],
        ["收集个人信息前告知并取得同意", "落实网络安全等级保护制度", "发生数据泄露及时报告"],
        ["开展个人信息保护影响评估", "任命个人信息保护负责人", "定期进行渗透测试"],
        ["《个人信息保护法》第十三条", "《网络安全法》第二十一条", "《刑法》第二百五十三条之一"],
    ),
    "market": (
        ["串通投标", "发布虚假广告", "超越资质承揽工程"],
        ["依法取得经营许可并按期年报", "如实标注产品质量信息", "规范合同签订和履行"],
        ["建立招投标合规审查流程", "开展广告用语自查", "参与行业诚信自律公约"],
        ["《招标投标法》第五十三条", "《广告法》第五十五条", "《产品质量法》第四十九条"],
    ),
}

SUBJECTS = ["企业", "涉案企业", "小微企业", "行业协会", "企业负责人", "合规专员", "财务人员", "车间主任"]
VERBS = ["开展", "落实", "完善", "建立", "排查", "整改", "评估", "规范", "审查", "健全"]
OBJECTS = ["合规管理制度", "风险清单", "内部控制", "培训记录", "台账资料", "应急预案", "财务制度", "用工管理"]
TERMS = [
    "合规整改",
    "刑行衔接",
    "首违不罚",
    "轻微减罚",
    "认罚轻处",
    "公益减罚",
    "信用修复",
    "合规建设联系点",
    "双随机一公开",
    "包容审慎监管",
    "第三方监督评估",
    "法治体检",
    "个人信息保护",
    "安全生产",
    "劳动合同",
    "知识产权",
    "数据安全",
    "产品质量",
]
TAILS = [
    "依法从轻处理。",
    "形成长效机制。",
    "防范法律风险。",
    "做到事前预防。",
    "接受第三方评估。",
    "及时纠正违法行为。",
]
FIRM_WORDS = ["明履", "瓯江", "鹿城", "江心", "双屿", "南汇", "藤桥", "五马", "滨江", "丰门", "仰义", "山福"]
FIRM_KINDS = ["有限公司", "股份有限公司", "制造厂", "商贸有限公司"]
OUTCOMES = ["不起诉", "从轻处罚", "免予处罚", "减轻处罚", "不予行政处罚", "缓刑", "责令改正"]
PEOPLE = ["张", "李", "王", "陈", "周", "林", "吴", "郑", "黄", "徐"]
GIVEN = ["晓东", "婷", "建国", "思远", "敏", "志远", "海峰", "丽", "伟", "静"]
AFFILIATIONS = [
    "鹿城区人民检察院",
    "鹿城区司法局",
    "鹿城区工商联",
    "温州大学法学院",
    "律师事务所",
    "区市场监管局",
]
VENUES = [
    "鹿城区司法局三楼会议室",
    "区工商联报告厅",
    "双屿街道便民服务中心",
    "鞋都产业园会议中心",
    "南汇街道科技园路演厅",
]
ARTICLE_KINDS = ["问答", "解读", "清单", "提示", "指南"]


class Text:
    """Varied Chinese text from a seeded random generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, seq):
        return self.rng.choice(seq)

    def sentence(self):
        r = self.rng
        return (
            f"{r.choice(SUBJECTS)}{r.choice(VERBS)}{r.choice(OBJECTS)},{r.choice(TERMS)}方面{r.choice(TAILS)}"
        )

    def paragraph(self, low=3, high=6):
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def html(self, paragraphs=2):
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(paragraphs))

    def stream(self, paragraphs=2):
        return [("paragraph", RichText(f"<p>{self.paragraph()}</p>")) for _ in range(paragraphs)]

    def firm(self, industry_name):
        return f"温州{self.pick(FIRM_WORDS)}{industry_name}{self.pick(FIRM_KINDS)}"

    def person(self):
        return f"{self.pick(PEOPLE)}{self.pick(GIVEN)}"


# --- bulk page creation -------------------------------------------------------------------


def _batches(objs, size):
    for start in range(0, len(objs), size):
        yield objs[start : start + size]


def bulk_add_pages(parent, pages, published_at=None):
    """Insert unsaved ``pages`` (one specific model) as live children of ``parent``, in order.

    Fills in what ``add_child`` would (path, depth, url path, locale, translation key,
    publication dates) and updates the parent's child count. Sends no signals.
    """
    if not pages:
        return pages
    model = type(pages[0])
    using = router.db_for_write(Page)
    given, parent = parent, Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = parent.depth + 1
    content_type_id = ContentType.objects.get_for_model(model).pk
    now = published_at or timezone.now()
    for number, page in enumerate(pages, start=step + 1):
        if type(page) is not model:
            raise TypeError("bulk_add_pages takes pages of one model at a time")
        page.path = Page._get_path(parent.path, depth, number)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = content_type_id
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at
    ops = connections[using].ops
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = list(model._meta.local_concrete_fields)
    size = max(1, min(500, ops.bulk_batch_size(base_fields, pages)))
    for chunk in _batches(pages, size):
        rows = Page._base_manager.using(using)._insert(
            chunk, fields=base_fields, returning_fields=Page._meta.db_returning_fields, using=using
        )
        for page, row in zip(chunk, rows, strict=True):
            page.id = page.page_ptr_id = row[0]
            page._state.adding = False
            page._state.db = using
    if model is not Page:
        size = max(1, min(500, ops.bulk_batch_size(own_fields, pages)))
        for chunk in _batches(pages, size):
            model._base_manager.using(using)._insert(chunk, fields=own_fields, using=using)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    given.numchild = parent.numchild + len(pages)
    content_changed()
    return pages


def content_changed():
    """Publishing would have made the cached pages showing new content stale: do it wholesale."""
    from core.cache import invalidate_everything

    invalidate_everything()


def next_number(parent, stem):
    """The next free number for slugs ``gen-<stem>-NNNNN`` under ``parent``."""
    prefix = f"{PREFIX}{stem}-"
    # child_of, not get_children(): the latter trusts a possibly stale in-memory numchild.
    children = Page.objects.child_of(parent).filter(slug__startswith=prefix)
    numbers = [
        int(slug[len(prefix) :])
        for slug in children.values_list("slug", flat=True)
        if slug[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0) + 1


def _slug(stem, number):
    return f"{PREFIX}{stem}-{number:05d}"


def _m2m_rows(model, field_name, pairs):
    """Bulk-create rows of a (parental) many-to-many field's through table from (owner, target) pk pairs."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=500)


# --- finishing: search documents, search index, reference index ---------------------------


def finish_pages(pages, references=True):
    """What publishing would have done for new live pages: search documents and indexes."""
    from search import indexing
    from search.models import SearchDocument

    if not pages:
        return
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    documents = indexing.add_new_pages(pages, restricted)
    index_objects(type(pages[0]), pages)
    if settings.ELASTICSEARCH_URL:
        from search.elasticsearch import sync

        for chunk in _batches([document.pk for document in documents], 500):
            sync.index_documents(
                list(
                    SearchDocument.objects.filter(pk__in=chunk)
                    .select_related("content_type")
                    .prefetch_related("industries")
                )
            )
    if references:
        with transaction.atomic():
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)


def index_objects(model, objs):
    """Add objects to Wagtail's search backends (the admin's search)."""
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        for chunk in _batches(list(objs), 1000):
            backend.add_bulk(model, chunk)


# --- taxonomy --------------------------------------------------------------------------


def ensure_risk_areas():
    from library.models import RiskArea

    areas = {area.code: area for area in RiskArea.objects.all()}
    missing = [
        RiskArea(code=code, name=name, sort_order=order)
        for order, (code, name) in enumerate(RISK_AREAS)
        if code not in areas and not RiskArea.objects.filter(name=name).exists()
    ]
    if missing:
        RiskArea.objects.bulk_create(missing)
        index_objects(RiskArea, missing)
    return list(RiskArea.objects.filter(code__in=[code for code, _name in RISK_AREAS]).order_by("sort_order"))


def generate_industries(count, seed=2026):
    """``count`` new industries with names not yet taken; codes ``gen-industry-NN``."""
    from library.models import Industry

    taken_names = set(Industry.objects.values_list("name", flat=True))
    taken_codes = set(Industry.objects.values_list("code", flat=True))
    start = Industry.objects.count()
    created, number, round_ = [], 1, 0
    while len(created) < count:
        for name, icon in INDUSTRY_NAMES:
            if len(created) >= count:
                break
            full = name if round_ == 0 else f"{name}{round_ + 1}"
            if full in taken_names:
                continue
            while f"{PREFIX}industry-{number:02d}" in taken_codes:
                number += 1
            code = f"{PREFIX}industry-{number:02d}"
            taken_codes.add(code)
            taken_names.add(full)
            created.append(
                Industry(
                    name=full,
                    code=code,
                    icon=icon,
                    description=f"{full}行业企业的合规风险提示与指引。",
                    sort_order=start + len(created),
                )
            )
        round_ += 1
    Industry.objects.bulk_create(created)
    index_objects(Industry, created)
    return created


# --- library ---------------------------------------------------------------------------


def _items_for(page, count, risk_areas, text, start_order=0):
    from library.models import GuidelineItem

    levels = ["red"] * 25 + ["yellow"] * 45 + ["green"] * 30
    categories = [c for c, _label in GuidelineItem.FlexibleCategory.choices]
    items = []
    for n in range(count):
        area = risk_areas[(start_order + n) % len(risk_areas)]
        red, yellow, green, laws = RULES.get(area.code, RULES["governance"])
        level = text.pick(levels)
        act = text.pick({"red": red, "yellow": yellow, "green": green}[level])
        title = {"red": f"严禁{act}", "yellow": act, "green": f"推荐:{act}"}[level]
        flexible = text.pick(categories) if level == "yellow" and text.rng.random() < 0.35 else ""
        items.append(
            GuidelineItem(
                page_id=page.pk,
                sort_order=start_order + n,
                title=f"{title}({start_order + n + 1})",
                level=level,
                risk_area_id=area.pk,
                what_to_do=text.html(1),
                legal_basis=";".join(text.rng.sample(laws, 2)),
                consequence=text.paragraph(1, 2) if level != "green" else "",
                remedy=text.paragraph(1, 2),
                flexible_category=flexible,
                flexible_conditions=text.paragraph(1, 1) if flexible else "",
            )
        )
    return items


def generate_guideline_items(page, count, seed=2026, risk_areas=None):
    """Add ``count`` graded items to a guideline page (after its existing ones)."""
    from library.models import GuidelineItem

    text = Text((seed, "items", page.pk, count).__repr__())
    risk_areas = risk_areas or ensure_risk_areas()
    start = page.items.count()
    items = _items_for(page, count, risk_areas, text, start_order=start)
    GuidelineItem.objects.bulk_create(items, batch_size=500)
    content_changed()
    return items


def generate_guidelines(index, industries, items_total, seed=2026, finish=True):
    """One guideline page per industry under ``index``, ``items_total`` items spread over them."""
    from library.models import GuidelinePage

    text = Text((seed, "guidelines").__repr__())
    number = next_number(index, "guideline")
    pages = [
        GuidelinePage(
            title=f"{industry.name}行业企业合规工作指引",
            slug=_slug("guideline", number + n),
            industry=industry,
            intro=f"列明{industry.name}企业在财税、用工、安全、环保和知识产权方面的红线、底线与推荐做法。",
            body=text.stream(2),
        )
        for n, industry in enumerate(industries)
    ]
    bulk_add_pages(index, pages)
    risk_areas = ensure_risk_areas()
    share, extra = divmod(items_total, len(pages)) if pages else (0, 0)
    for n, page in enumerate(pages):
        generate_guideline_items(page, share + (1 if n < extra else 0), seed, risk_areas)
    if finish:
        finish_pages(pages)
    return pages


def generate_cases(parent, count, seed=2026, industries=None, finish=True):
    """``count`` typical cases under the casebook, each linked to up to three items of its industry."""
    from library.models import CasePage, GuidelineItem, Industry

    text = Text((seed, "cases", count).__repr__())
    industries = list(industries or Industry.objects.all())
    items_by_industry = {}
    for item_id, industry_id in GuidelineItem.objects.filter(page__live=True).values_list(
        "pk", "page__industry_id"
    ):
        items_by_industry.setdefault(industry_id, []).append(item_id)
    number = next_number(parent, "case")
    pages, links = [], []
    for n in range(count):
        industry = text.pick(industries)
        area = text.pick(list(RULES))
        act = text.pick(RULES[area][0])
        firm = text.firm(industry.name)
        case_type = text.pick(["criminal", "administrative"])
        page = CasePage(
            title=f"{firm}{act}{'案' if case_type == 'criminal' else '行政处罚案'}",
            slug=_slug("case", number + n),
            industry=industry,
            case_type=case_type,
            year=text.rng.randint(2018, 2025),
            summary=f"{firm}因{act}被查处,经合规整改后依法{text.pick(OUTCOMES)}。",
            facts=text.html(2),
            rectification=text.html(2),
            outcome=text.pick(OUTCOMES),
            lessons=text.html(1),
        )
        pages.append(page)
        candidates = items_by_industry.get(industry.pk, [])
        links.append(text.rng.sample(candidates, min(len(candidates), text.rng.randint(0, 3))))
    bulk_add_pages(parent, pages)
    _m2m_rows(
        CasePage,
        "guideline_items",
        [(page.pk, item) for page, ids in zip(pages, links, strict=True) for item in ids],
    )
    if finish:
        finish_pages(pages)
    return pages


# --- images -----------------------------------------------------------------------------

COVER_COLOURS = ["#1f6f8b", "#99a8b2", "#e6d5b8", "#2d4059", "#ea5455", "#f07b3f", "#3e8e7e", "#7c3e66"]


def generate_images(count, seed=2026):
    """``count`` small plain cover images (shared by many courses and drills, as editors reuse covers)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    Image = get_image_model()
    images = []
    for n in range(count):
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 180), COVER_COLOURS[n % len(COVER_COLOURS)]).save(buffer, "PNG")
        image = Image(
            title=f"生成封面 {seed}-{n + 1}", file=ImageFile(buffer, name=f"{PREFIX}cover-{n + 1}.png")
        )
        image.save()
        images.append(image)
    return images


# --- courses and drills -----------------------------------------------------------------


def _topics():
    from courses.models import LegalTopic

    topics = list(LegalTopic.objects.all())
    if not topics:
        topics = LegalTopic.objects.bulk_create(
            [LegalTopic(code=code, name=name) for code, name in RISK_AREAS]
        )
    return topics


def generate_lessons(course, count, seed=2026):
    """Add ``count`` text lessons (transcript and body, no video) to a course."""
    from courses.models import Lesson

    text = Text((seed, "lessons", course.pk, count).__repr__())
    start = course.lessons.count()
    lessons = [
        Lesson(
            course_id=course.pk,
            sort_order=start + n,
            title=f"第{start + n + 1}讲 {text.pick(TERMS)}与{text.pick(OBJECTS)}",
            transcript=text.paragraph(4, 8),
            body=text.html(2),
            required=text.rng.random() < 0.8,
        )
        for n in range(count)
    ]
    Lesson.objects.bulk_create(lessons, batch_size=500)
    content_changed()
    return lessons


def generate_questions(course, count, seed=2026, topics=None):
    """Add ``count`` quiz questions (single choice or true/false) with their options."""
    from courses.models import Option, Question

    text = Text((seed, "questions", course.pk, count).__repr__())
    topics = topics or _topics()
    questions, option_specs = [], []
    for n in range(count):
        term = text.pick(TERMS)
        if text.rng.random() < 0.25:
            kind = Question.Kind.TRUE_FALSE
            specs = [("正确", True), ("错误", False)]
            text.rng.shuffle(specs)
            body = f"判断:{text.sentence()}"
        else:
            kind = Question.Kind.SINGLE
            right = text.pick(OBJECTS)
            wrong = text.rng.sample([o for o in OBJECTS if o != right], 3)
            specs = [(right, True)] + [(w, False) for w in wrong]
            text.rng.shuffle(specs)
            body = f"关于“{term}”,企业首先应当完善下列哪一项?"
        questions.append(
            Question(
                course_id=course.pk,
                kind=kind,
                text=body,
                explanation=text.paragraph(1, 2),
                topic=text.pick(topics),
                sort_order=n,
            )
        )
        option_specs.append(specs)
    Question.objects.bulk_create(questions, batch_size=500)
    Option.objects.bulk_create(
        [
            Option(question_id=question.pk, text=option, is_correct=correct, sort_order=order)
            for question, specs in zip(questions, option_specs, strict=True)
            for order, (option, correct) in enumerate(specs)
        ],
        batch_size=500,
    )
    return questions


def generate_courses(
    parent, count, seed=2026, industries=None, lessons=(3, 8), questions=(6, 10), images=(), finish=True
):
    """``count`` courses with instructors, text lessons and a question bank; most with a cover from ``images``."""
    from courses.models import CourseInstructor, CoursePage
    from library.models import Industry

    text = Text((seed, "courses", count).__repr__())
    industries = list(industries or Industry.objects.all())
    number = next_number(parent, "course")
    pages, course_industries = [], []
    for n in range(count):
        term = text.pick(TERMS)
        chosen = text.rng.sample(industries, min(len(industries), text.rng.randint(1, 2)))
        pages.append(
            CoursePage(
                title=f"{'、'.join(i.name for i in chosen)}企业{term}实务(第{number + n}期)",
                slug=_slug("course", number + n),
                summary=f"围绕{term},讲解{chosen[0].name}企业常见违法风险、法律责任与合规整改要点。",
                description=text.stream(2),
                duration_minutes=text.rng.randint(30, 180),
                enrolment_mode=text.pick(["open", "open", "open", "approval"]),
                capacity=text.pick([None, None, 50, 100, 200]),
                quiz_question_count=5,
                quiz_pass_mark=60,
                cover_image=text.pick(images) if images and text.rng.random() < 0.8 else None,
            )
        )
        course_industries.append(chosen)
    bulk_add_pages(parent, pages)
    _m2m_rows(
        CoursePage,
        "industries",
        [(page.pk, i.pk) for page, chosen in zip(pages, course_industries, strict=True) for i in chosen],
    )
    CourseInstructor.objects.bulk_create(
        [
            CourseInstructor(
                course_id=page.pk, name=text.person(), title=text.pick(AFFILIATIONS), sort_order=k
            )
            for page in pages
            for k in range(text.rng.randint(1, 2))
        ]
    )
    topics = _topics()
    for page in pages:
        generate_lessons(page, text.rng.randint(*lessons), seed)
        generate_questions(page, text.rng.randint(*questions), seed, topics)
    if finish:
        finish_pages(pages)
    return pages


def generate_drills(parent, count, seed=2026, industries=None, steps=4, images=(), finish=True):
    """``count`` linear inspection drills (``steps`` steps, three graded choices each)."""
    from courses.drills.models import DrillChoice, DrillPage, DrillStep
    from library.models import GuidelineItem, Industry

    text = Text((seed, "drills", count).__repr__())
    industries = list(industries or Industry.objects.all())
    items_by_industry = {}
    for item_id, industry_id in GuidelineItem.objects.filter(page__live=True).values_list(
        "pk", "page__industry_id"
    ):
        items_by_industry.setdefault(industry_id, []).append(item_id)
    number = next_number(parent, "drill")
    pages = []
    for n in range(count):
        industry = text.pick(industries)
        area = text.pick(list(RULES))
        pages.append(
            DrillPage(
                title=f"{industry.name}企业{dict(RISK_AREAS)[area]}模拟检查(第{number + n}号)",
                slug=_slug("drill", number + n),
                industry=industry,
                authority=f"区{text.pick(['市场监管局', '应急管理局', '人力社保局', '生态环境分局', '税务局'])}检查组",
                firm_name=text.firm(industry.name),
                setting=text.paragraph(3, 5),
                intro=f"模拟一次{dict(RISK_AREAS)[area]}执法检查,逐步应对并获得评估报告。",
                briefing=text.html(1),
                estimated_minutes=text.rng.randint(10, 30),
                cover_image=text.pick(images) if images and text.rng.random() < 0.5 else None,
            )
        )
    bulk_add_pages(parent, pages)
    phases = ["arrival"] + ["documents", "site", "interview"] * steps
    step_objs = [
        DrillStep(
            page_id=page.pk,
            sort_order=k,
            key=f"step-{k + 1}",
            phase="closing" if k == steps - 1 else phases[k],
            title=f"检查环节{k + 1}:{text.pick(OBJECTS)}",
            inspector_says=f"请出示贵公司的{text.pick(OBJECTS)},并说明{text.pick(TERMS)}的落实情况。",
            scene=f"<p>{text.paragraph(1, 2)}</p>",
        )
        for page in pages
        for k in range(steps)
    ]
    DrillStep.objects.bulk_create(step_objs, batch_size=500)
    page_industry = {page.pk: page.industry_id for page in pages}
    choices, links = [], []
    for step in step_objs:
        candidates = items_by_industry.get(page_industry[step.page_id], [])
        for k, (score, level) in enumerate([(10, "green"), (5, "yellow"), (0, "red")]):
            choices.append(
                DrillChoice(
                    step_id=step.pk,
                    sort_order=k,
                    text=f"{text.pick(SUBJECTS)}{text.pick(VERBS)}{text.pick(OBJECTS)}",
                    score=score,
                    level=level,
                    feedback=text.sentence(),
                )
            )
            links.append(text.rng.sample(candidates, min(len(candidates), 1)) if level != "green" else [])
    DrillChoice.objects.bulk_create(choices, batch_size=500)
    _m2m_rows(
        DrillChoice,
        "guideline_items",
        [(choice.pk, item) for choice, ids in zip(choices, links, strict=True) for item in ids],
    )
    if finish:
        finish_pages(pages)
    return pages


def generate_self_checks(parent, industries, finish=True):
    """One self-check questionnaire per industry."""
    from courses.drills.models import SelfCheckPage

    number = next_number(parent, "self-check")
    pages = [
        SelfCheckPage(
            title=f"{industry.name}企业合规体检",
            slug=_slug("self-check", number + n),
            industry=industry,
            intro=f"对照{industry.name}行业合规指引的红线、底线和推荐做法逐项自查,生成法治体检报告。",
            instructions="<p>请按企业的实际情况如实回答。</p>",
        )
        for n, industry in enumerate(industries)
    ]
    bulk_add_pages(parent, pages)
    if finish:
        finish_pages(pages)
    return pages


# --- events ------------------------------------------------------------------------------


def generate_events(parent, count, seed=2026, industries=None, past_share=0.2, now=None, finish=True):
    """``count`` forums, salons, lectures and trainings; about ``past_share`` of them over."""
    from events.models import EventPage, EventSpeaker
    from library.models import Industry

    text = Text((seed, "events", count).__repr__())
    industries = list(industries or Industry.objects.all())
    now = now or timezone.now()
    day = now.replace(hour=14, minute=0, second=0, microsecond=0)
    number = next_number(parent, "event")
    kinds = {"forum": "白鹿法治论坛", "salon": "合规沙龙", "lecture": "法治讲座", "training": "合规培训"}
    pages, event_industries = [], []
    for n in range(count):
        kind = text.pick(list(kinds))
        past = text.rng.random() < past_share
        offset = -text.rng.randint(1, 365) if past else text.rng.randint(1, 180)
        start = day + timedelta(days=offset, hours=text.rng.choice([-5, -4, 0, 1]))
        chosen = text.rng.sample(industries, min(len(industries), text.rng.randint(0, 2)))
        term = text.pick(TERMS)
        online = text.rng.random() < 0.2
        pages.append(
            EventPage(
                title=f"{kinds[kind]}:{'、'.join(i.name for i in chosen) or '企业'}{term}(第{number + n}期)",
                slug=_slug("event", number + n),
                kind=kind,
                summary=f"以案说法,解读{term}的适用条件与企业合规要点。",
                start_at=start,
                end_at=start + timedelta(hours=text.rng.choice([2, 3, 4])),
                venue="" if online else text.pick(VENUES),
                address="" if online else "温州市鹿城区",
                online_url="https://meeting.example.com/j/" + str(100000 + number + n) if online else "",
                capacity=text.rng.choice([20, 30, 50, 80, 120, 200]),
                training_hours=Decimal(text.rng.choice(["0", "1.5", "2", "3"])),
                body=text.stream(2),
                first_published_at=now - timedelta(days=abs(offset) + 14) if past else now,
            )
        )
        event_industries.append(chosen)
    bulk_add_pages(parent, pages)
    _m2m_rows(
        EventPage,
        "industries",
        [(page.pk, i.pk) for page, chosen in zip(pages, event_industries, strict=True) for i in chosen],
    )
    EventSpeaker.objects.bulk_create(
        [
            EventSpeaker(
                page_id=page.pk, name=text.person(), affiliation=text.pick(AFFILIATIONS), sort_order=k
            )
            for page in pages
            for k in range(text.rng.randint(1, 3))
        ],
        batch_size=500,
    )
    if finish:
        finish_pages(pages)
    return pages


# --- search documents: articles ----------------------------------------------------------


def ensure_articles_section(home):
    from portal.demo import ensure_child
    from portal.models import StandardPage

    return ensure_child(
        home,
        StandardPage,
        f"{PREFIX}knowledge",
        title="合规知识库",
        intro="合规问答、政策解读与风险提示。",
    )


def generate_articles(parent, count, seed=2026, finish=True, batch=2000):
    """``count`` standard pages (问答、解读、清单…) under ``parent``: the bulk of a large search index."""
    from portal.models import StandardPage

    text = Text((seed, "articles", count).__repr__())
    industries = [name for name, _icon in INDUSTRY_NAMES]
    number = next_number(parent, "article")
    created = []
    for start in range(0, count, batch):
        pages = []
        for n in range(start, min(count, start + batch)):
            industry = text.pick(industries)
            term = text.pick(TERMS)
            pages.append(
                StandardPage(
                    title=f"{industry}行业{term}{text.pick(ARTICLE_KINDS)}第{number + n}号",
                    slug=_slug("article", number + n),
                    intro=text.sentence(),
                    # Short, like the search benchmark's documents: segmentation dominates the time.
                    body=[("paragraph", RichText(f"<p>{text.paragraph(2, 5)}</p>"))],
                )
            )
        bulk_add_pages(parent, pages)
        if finish:
            # Plain text only: such pages reference nothing, so the reference index has no rows for them.
            finish_pages(pages, references=False)
        created.extend(pages)
    return created


# --- people ------------------------------------------------------------------------------


def enrol(user, courses, completed_share=0.0, seed=2026):
    """Active enrolments of ``user`` in ``courses`` (bulk; no emails)."""
    from courses.models import Enrolment

    rng = random.Random((seed, "enrol", user.pk).__repr__())
    now = timezone.now()
    return Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course_id=course.pk,
                status="active",
                requested_at=now - timedelta(days=n + 1),
                completed_at=now if rng.random() < completed_share else None,
            )
            for n, course in enumerate(courses)
        ],
        batch_size=500,
    )


def register(user, events, status="confirmed"):
    """Registrations of ``user`` for ``events`` (bulk; no capacity checks, no emails)."""
    from events.models import Registration

    now = timezone.now()
    return Registration.objects.bulk_create(
        [
            Registration(event_id=event.pk, user=user, status=status, consent_at=now, confirmed_at=now)
            for event in events
        ],
        batch_size=500,
    )


# --- the whole site ----------------------------------------------------------------------

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
    from django.apps import apps

    from portal.demo import ensure_child, get_home, home_body

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
    from library.models import FlexibleEnforcementPage

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
    from library.models import Industry

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
    from search import indexing
    from search.models import SearchDocument

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
        from library.models import FlexibleEnforcementPage

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
