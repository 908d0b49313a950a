"""Demo content for events: the 白鹿法治论坛, compliance salons, lectures and trainings, past and upcoming,
with registrations, check-ins and feedback so the organisers' indicators show real figures.

Idempotent: pages are found by slug, people by email, registrations by (event, person).
Registrations are written directly (no emails are queued for demo people).
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Page

from accounts.demo import ensure_user
from events.models import (
    EventIndexPage,
    EventPage,
    EventSpeaker,
    Feedback,
    Registration,
    RegistrationQuestion,
)
from portal.demo import ensure_child, get_home
from portal.roles import ORGANISERS

Status = Registration.Status

ORGANISER = ("organiser@demo.example", "郑文静")  # 区司法局普法科,活动组织者
EXTRA_ATTENDEES = [
    ("attendee01@demo.example", "黄志强", "13857700101"),
    ("attendee02@demo.example", "林晓燕", "13857700102"),
    ("attendee03@demo.example", "吴海波", "13857700103"),
    ("attendee04@demo.example", "郑丽君", "13857700104"),
    ("attendee05@demo.example", "潘建华", "13857700105"),
    ("attendee06@demo.example", "金露", "13857700106"),
    ("attendee07@demo.example", "徐国平", "13857700107"),
    ("attendee08@demo.example", "叶静", "13857700108"),
    ("attendee09@demo.example", "蔡永强", "13857700109"),
    ("attendee10@demo.example", "季晓峰", "13857700110"),
    ("attendee11@demo.example", "胡佳丽", "13857700111"),
    ("attendee12@demo.example", "朱成龙", "13857700112"),
]
PORTAL_PEOPLE = [
    "zhang.officer@demo.example",
    "li.staff@demo.example",
    "wang.staff@demo.example",
    "chen.officer@demo.example",
    "zhou.staff@demo.example",
]
RATINGS = [5, 4, 5, 5, 4, 5, 5, 4, 5, 4]
# A few unhappy attendees, so satisfaction lands just above the pilot plan's 90% target:
# (event number, attendee number) -> (rating, comment).
LOW_RATINGS = {
    (1, 2): (3, "内容偏多,建议分两次讲。"),
    (3, 2): (3, "希望多安排互动答疑时间。"),
    (0, 7): (2, "会场座位不够,后排听不清。"),
}
COMMENTS = {0: "案例讲解贴近鹿城企业实际,红线清单很实用。", 3: "模拟检查环节很有帮助。"}

# slug, start (local time), kind, title, days from now, hours long, capacity, training hours, industry codes,
# summary, speakers, agenda, options; "attendees" is how many demo people register.
EVENTS = [
    {
        "slug": "bailu-forum",
        "start": "09:00",
        "kind": "forum",
        "title": "白鹿法治论坛:行业合规改革与民营经济“两个健康”",
        "days": -64,
        "hours": 4,
        "capacity": 120,
        "training_hours": "3.0",
        "industries": ["footwear", "software", "construction", "garment", "eyewear"],
        "venue": "鹿城区行政中心白鹿厅",
        "address": "浙江省温州市鹿城区府前街8号",
        "summary": "持续办好“白鹿法治论坛”学术交流平台:法院、检察院、司法局与行业协会共话行业合规共建共治,发布鞋革、软件、建筑等五大重点行业合规工作指引。",
        "speakers": [
            ("区检察院第三检察部", "涉案企业合规改革的鹿城实践"),
            ("区法院", "以案说法:从个案合规到行业合规"),
            ("区工商联", "行业协会“合规建设联系点”经验"),
        ],
        "agenda": [
            ("09:00–09:20", "开幕致辞", "区委政法委"),
            ("09:20–10:30", "主旨报告:办理一起案件、扶助一批企业、规范一个行业", "区检察院"),
            ("10:45–12:00", "圆桌对话:事后合规审查向事前合规建设转变", "行业协会代表、律师"),
            ("12:00–13:00", "发布五大重点行业合规“红绿灯”指引", "区司法局"),
        ],
        "attendees": 17,
    },
    {
        "slug": "salon-footwear-tax",
        "start": "14:00",
        "kind": "salon",
        "title": "合规沙龙:鞋革企业发票与出口退税的红线",
        "days": -33,
        "hours": 2.5,
        "capacity": 40,
        "training_hours": "2.0",
        "industries": ["footwear"],
        "venue": "鹿城区鞋革行业协会合规建设联系点",
        "address": "浙江省温州市鹿城区双屿街道鞋都大道88号",
        "summary": "以典型涉税案件为线索,讲清虚开发票、骗取出口退税的刑事红线与日常票据管理底线,已通过合规验收的企业现身说法。",
        "speakers": [
            ("区税务局稽查局", "发票管理与出口退税风险"),
            ("已通过合规验收企业负责人", "整改经验分享"),
        ],
        "agenda": [
            ("14:00–14:40", "典型案例解析:一张发票引发的刑事案件", "区检察院"),
            ("14:40–15:20", "出口退税合规要点与自查清单", "区税务局"),
            ("15:30–16:30", "企业现身说法与互动答疑", ""),
        ],
        "attendees": 12,
    },
    {
        "slug": "training-construction-safety",
        "start": "09:00",
        "kind": "training",
        "title": "建筑施工企业安全生产与农民工工资支付合规培训",
        "days": -16,
        "hours": 6,
        "capacity": 50,
        "training_hours": "4.0",
        "industries": ["construction"],
        "venue": "鹿城区住建局二楼培训室",
        "address": "浙江省温州市鹿城区车站大道577号",
        "summary": "区工商联与区住建局联合建筑行业协会开展合规培训:安全生产责任制、分包与资质、农民工工资专户与实名制管理。",
        "speakers": [
            ("区住建局建筑业管理科", "分包、资质与实名制"),
            ("区人力社保局劳动监察大队", "农民工工资支付"),
        ],
        "agenda": [
            ("09:00–10:30", "安全生产责任制与事故隐患排查", "区应急管理局"),
            ("10:45–12:00", "农民工工资专户、总包代发与欠薪红线", "区人力社保局"),
            ("13:30–15:00", "模拟执法检查:施工现场常见问题", "区综合行政执法局"),
        ],
        "attendees": 14,
    },
    {
        "slug": "lecture-software-pipl",
        "start": "14:30",
        "kind": "lecture",
        "title": "讲座:软件企业个人信息保护与数据安全合规",
        "days": -102,
        "hours": 2,
        "capacity": 60,
        "training_hours": "2.0",
        "industries": ["software"],
        "venue": "鹿城区南汇街道科技园报告厅",
        "address": "浙江省温州市鹿城区南汇街道科技园1幢",
        "summary": "围绕《个人信息保护法》《数据安全法》,讲解App收集个人信息的告知同意、最小必要与出境评估,以及常见的行政处罚情形。",
        "speakers": [("温州市律师协会数据合规专业委员会", "个人信息保护合规实务")],
        "agenda": [
            ("14:30–15:30", "告知同意与最小必要:从处罚案例看合规要点", ""),
            ("15:30–16:30", "数据分类分级与安全事件应急", ""),
        ],
        "attendees": 11,
    },
    {
        "slug": "lecture-flexible-enforcement",
        "start": "14:00",
        "kind": "lecture",
        "title": "讲座:“4+X”柔性执法——首违不罚、轻微减罚怎么适用",
        "days": -150,
        "hours": 2,
        "capacity": 80,
        "training_hours": "1.5",
        "industries": ["footwear", "garment", "eyewear"],
        "venue": "鹿城区司法局三楼会议室",
        "address": "浙江省温州市鹿城区学院中路",
        "summary": "解读首违不罚、轻微减罚、认罚轻处、公益减罚的适用条件,帮助小微企业了解从轻、减轻和不予处罚清单。",
        "speakers": [("区司法局行政执法监督科", "柔性执法清单解读")],
        "agenda": [
            ("14:00–15:00", "柔性执法清单与适用条件", ""),
            ("15:00–16:00", "问答:企业如何主动整改", ""),
        ],
        "attendees": 10,
    },
    # Upcoming
    {
        "slug": "training-labour",
        "start": "09:00",
        "kind": "training",
        "title": "中小微企业劳动用工合规实务培训",
        "days": 1,
        "hours": 3,
        "capacity": 6,
        "training_hours": "3.0",
        "industries": ["footwear", "garment"],
        "venue": "鹿城区工商联四楼会议室",
        "address": "浙江省温州市鹿城区人民西路",
        "summary": "劳动合同签订、工时与加班、社会保险与离职管理:用真实争议案例讲清用工红线。名额有限,满员后可候补。",
        "speakers": [("区劳动人事争议仲裁院", "用工争议典型案例")],
        "agenda": [("09:00–10:30", "劳动合同与规章制度", ""), ("10:45–12:00", "工时、加班与社会保险", "")],
        "questions": [("您最想了解的用工问题", "text", "", False)],
        "attendees": 9,
    },
    {
        "slug": "salon-eyewear-ip",
        "start": "14:00",
        "kind": "salon",
        "title": "合规沙龙:眼镜企业知识产权与产品质量",
        "days": 10,
        "hours": 2,
        "capacity": 30,
        "training_hours": "2.0",
        "industries": ["eyewear"],
        "venue": "眼镜行业合规建设联系点",
        "address": "温州市鹿城区藤桥镇眼镜产业园服务中心",
        "summary": "商标与外观设计保护、出口产品质量与认证,行业协会与律师结对答疑。",
        "speakers": [("区市场监管局知识产权科", "商标与专利保护"), ("眼镜行业协会", "联系点服务介绍")],
        "agenda": [("14:00–15:00", "知识产权侵权风险与防范", ""), ("15:00–16:00", "产品质量与出口认证", "")],
        "questions": [
            ("所属企业类型", "choice", "生产制造\n外贸出口\n零售", True),
            ("是否需要律师一对一咨询", "choice", "需要\n不需要", False),
        ],
        "attendees": 5,
    },
    {
        "slug": "lecture-credit-repair",
        "start": "19:00",
        "kind": "lecture",
        "title": "线上讲座:企业信用修复“从快从简”与“双书同达”",
        "days": 21,
        "hours": 1.5,
        "capacity": 200,
        "training_hours": "1.0",
        "industries": [],
        "venue": "",
        "address": "",
        "online_url": "https://meeting.example.cn/lucheng-credit-repair",
        "summary": "行政处罚决定书与信用修复告知书“双书同达”,信用修复容缺办理和即纠即复怎么申请。报名需审核。",
        "speakers": [("区信用办", "信用修复流程")],
        "agenda": [("19:00–20:00", "信用修复流程讲解", ""), ("20:00–20:30", "在线答疑", "")],
        "requires_approval": True,
        "attendees": 3,
    },
]


def _people():
    from django.contrib.auth import get_user_model

    # The portal's demo people (with their names and firms) when portal.demo has run.
    by_email = {u.email: u for u in get_user_model().objects.filter(email__in=PORTAL_PEOPLE)}
    people = [by_email[email] for email in PORTAL_PEOPLE if email in by_email]
    for email, name, phone in EXTRA_ATTENDEES:
        user = ensure_user(email, name)
        if not user.profile.phone:
            user.profile.phone = phone
            user.profile.save()
        people.append(user)
    return people


def _organiser():
    user = ensure_user(*ORGANISER)
    group, _created = Group.objects.get_or_create(name=ORGANISERS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    # Organisers see their own events' registrations; no content role sees everyone's.
    return user, group


def _related_links(home):
    links = []
    for section, block in (("guidelines", "guideline"), ("courses", "course")):
        pages = Page.objects.live().filter(
            url_path__startswith=f"{home.url_path}{section}/", depth=home.depth + 2
        )
        links += [(block, page) for page in pages.order_by("path")[:2]]
    return links


def _ensure_event(index, spec, industries, organiser, group, links):
    existing = index.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    hour, minute = (int(part) for part in spec["start"].split(":"))
    start = (now + timedelta(days=spec["days"])).replace(hour=hour, minute=minute)
    end = start + timedelta(hours=spec["hours"])
    page = ensure_child(
        index,
        EventPage,
        spec["slug"],
        title=spec["title"],
        kind=spec["kind"],
        summary=spec["summary"],
        start_at=start,
        end_at=end,
        venue=spec["venue"],
        address=spec["address"],
        online_url=spec.get("online_url", ""),
        capacity=spec["capacity"],
        training_hours=Decimal(spec["training_hours"]),
        requires_approval=spec.get("requires_approval", False),
        registration_opens_at=start - timedelta(days=30),
        body=[("paragraph", f"<p>{spec['summary']}</p>")],
        agenda=[
            ("agenda_item", {"time": t, "title": title, "speaker": who}) for t, title, who in spec["agenda"]
        ],
        related_links=links,
        industries=[industries[code] for code in spec["industries"] if code in industries],
        organisers=[organiser],
        organiser_group=group,
        speakers=[EventSpeaker(name=name, affiliation=topic) for name, topic in spec["speakers"]],
        questions=[
            RegistrationQuestion(label=label, kind=kind, options=options, required=required)
            for label, kind, options, required in spec.get("questions", [])
        ],
    )
    return page


def _ensure_registrations(event, people, count, organiser, number):
    """Past events: everyone confirmed, most checked in, most rated. Upcoming: up to capacity, then waitlist."""
    past = event.end_at < timezone.now()
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    for i, person in enumerate(people[:count]):
        registration = (
            Registration.objects.filter(event=event, user=person).exclude(status=Status.CANCELLED).first()
        )
        if registration is None:
            if event.requires_approval and not past:
                status = Status.PENDING if i else Status.CONFIRMED
            else:
                status = Status.CONFIRMED if confirmed < event.capacity else Status.WAITLISTED
            confirmed += status == Status.CONFIRMED
            registration = Registration.objects.create(
                event=event,
                user=person,
                status=status,
                consent_at=event.start_at - timedelta(days=7),
                confirmed_at=event.start_at - timedelta(days=7) if status == Status.CONFIRMED else None,
                registered_by=organiser if i % 7 == 3 else None,
            )
        if past and registration.status == Status.CONFIRMED and i % 6 != 5 and not registration.checked_in_at:
            # One in six did not come.
            registration.checked_in_at = event.start_at - timedelta(minutes=10)
            registration.checked_in_by = organiser
            registration.training_hours = event.training_hours
            registration.feedback_requested_at = event.end_at + timedelta(hours=1)
            registration.save()
        if past and registration.checked_in_at and i % 5 != 4:
            rating, comment = LOW_RATINGS.get((number, i), (RATINGS[i % len(RATINGS)], COMMENTS.get(i, "")))
            Feedback.objects.get_or_create(
                registration=registration, defaults={"rating": rating, "comment": comment}
            )


def ensure_schedules():
    from django_q.models import Schedule

    for name, func in (
        ("events: day-before reminders", "events.jobs.send_due_reminders"),
        ("events: feedback surveys after events", "events.jobs.send_due_feedback_requests"),
    ):
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": Schedule.HOURLY, "repeats": -1}
        )


def load(stdout):
    from library.models import Industry

    home = get_home()
    index = ensure_child(
        home,
        EventIndexPage,
        "events",
        title="论坛沙龙",
        intro="“白鹿法治论坛”与合规沙龙讲座:根据行业领域、案件类型等主题定期举办,对行业企业开展预防性法治教育。",
    )
    industries = {industry.code: industry for industry in Industry.objects.all()}
    organiser, group = _organiser()
    people = _people()
    links = _related_links(home)
    for number, spec in enumerate(EVENTS):
        event = _ensure_event(index, spec, industries, organiser, group, links)
        # Rotate who comes so each person has a different history.
        offset = number * 3 % len(people)
        _ensure_registrations(event, people[offset:] + people[:offset], spec["attendees"], organiser, number)
    ensure_schedules()
    stdout.write(
        f"  活动:{EventPage.objects.count()} 场,报名 {Registration.objects.count()} 条;"
        f"组织者账户 {ORGANISER[0]}"
    )
