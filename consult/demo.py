"""Demo content for the consultation desk: departments, their leads and staff, requests in every state.

Idempotent: departments by slug, groups and users by name/email,
requests by (asker, title). Request times are set relative to the moment the demo is
loaded, so the queue always shows some requests within and some past their deadlines.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_q.models import Schedule

from accounts.demo import ensure_user
from consult import services
from consult.models import Complexity, ConsultationRequest, Department
from library.models import Industry, RiskArea

# (slug, name, scope, intake, staff: [(email, name)])
DEPARTMENTS = [
    (
        "justice",
        "区司法局",
        "法治服务中心牵头受理,行政执法监督、公共法律服务与合规指导。",
        True,
        [("sfj.lead@demo.example", "林志远"), ("sfj.staff@demo.example", "黄佳怡")],
    ),
    (
        "procuratorate",
        "区检察院",
        "涉案企业合规改革、第三方监督评估与刑事合规风险。",
        False,
        [("jcy.lead@demo.example", "徐立新"), ("jcy.staff@demo.example", "潘雨婷")],
    ),
    (
        "market",
        "区市场监管局",
        "登记注册、产品质量、广告与价格、知识产权保护与信用修复。",
        False,
        [("scjg.lead@demo.example", "吴海峰"), ("scjg.staff@demo.example", "郑晓琳")],
    ),
    (
        "hrss",
        "区人力社保局",
        "劳动合同、工资支付、社会保险与劳动保障监察。",
        False,
        [("rsj.lead@demo.example", "蔡国强"), ("rsj.staff@demo.example", "叶静")],
    ),
    (
        "federation",
        "区工商联",
        "民营企业维权服务、商会与行业协会合规建设联系点。",
        False,
        [("gsl.lead@demo.example", "金晓峰"), ("gsl.staff@demo.example", "池美玲")],
    ),
]

# Each request: who asks, what, and its story. "ago" is in calendar days before loading;
# the steps happen at submission + the given offset ("due+" offsets count from the deadline).
REQUESTS = [
    {
        "asker": "li.staff@demo.example",
        "title": "员工试用期内辞退需要支付经济补偿吗?",
        "industry": "footwear",
        "risk": "labour",
        "description": "我司一名缝帮工试用期两个月,多次迟到且产品返工率高。试用期内解除劳动合同需要提前多少天通知?是否要支付经济补偿?需要保留哪些证据?",
        "ago": dt.timedelta(minutes=5),
        "steps": [],
    },
    {
        "asker": "zhou.staff@demo.example",
        "title": "App 收集用户手机号需要单独同意吗?",
        "industry": "software",
        "risk": "data",
        "description": "我们为鞋企开发的订货小程序在注册时要求填写手机号和收货地址。隐私政策已经在首页展示,是否还需要弹窗取得单独同意?哪些情形属于敏感个人信息?",
        "ago": dt.timedelta(days=10),
        "urgent": True,
        "steps": [],
    },
    {
        "asker": "wang.staff@demo.example",
        "title": "车间消防通道堆放原材料被检查发现怎么整改?",
        "industry": "footwear",
        "risk": "safety",
        "description": "上周消防检查发现我司二楼车间疏散通道堆放了鞋底原材料,要求限期整改。整改完成后如何申请复查?会不会被罚款?",
        "ago": dt.timedelta(hours=1),
        "steps": [("acknowledge", dt.timedelta(minutes=12))],
    },
    {
        "asker": "chen.officer@demo.example",
        "title": "软件著作权被前员工带走代码怎么办?",
        "industry": "software",
        "risk": "ip",
        "description": "一名离职的开发人员把公司核心系统的源代码上传到了个人代码仓库,并在新公司使用。我们已经有著作权登记证书,应当先发律师函还是直接报案?需要准备哪些证据?",
        "ago": dt.timedelta(days=2),
        "steps": [
            ("acknowledge", dt.timedelta(minutes=20)),
            ("classify", dt.timedelta(minutes=40), Complexity.COMPLEX),
            ("assign", dt.timedelta(minutes=45), "sfj.staff@demo.example"),
        ],
    },
    {
        "asker": "zhang.officer@demo.example",
        "title": "鞋盒上标注“国际品质”是否属于虚假宣传?",
        "industry": "footwear",
        "risk": "market",
        "description": "我们的外包装和网店详情页写了“国际品质”“行业领先”。最近听说有同行因为广告用语被处罚,想了解哪些用语有风险,如何修改?",
        "ago": dt.timedelta(days=12),
        "steps": [
            ("acknowledge", dt.timedelta(minutes=25)),
            (
                "transfer",
                dt.timedelta(hours=1),
                "market",
                "涉及广告用语与不正当竞争,属市场监管职责,转区市场监管局办理。",
            ),
        ],
    },
    {
        "asker": "li.staff@demo.example",
        "title": "加班费的计算基数可以按最低工资吗?",
        "industry": "footwear",
        "risk": "labour",
        "description": "旺季车间每天加班两小时,周六也上班。劳动合同写的工资是底薪加计件,加班费能不能按最低工资标准计算?",
        "ago": dt.timedelta(days=1),
        "steps": [
            ("acknowledge", dt.timedelta(minutes=10)),
            ("classify", dt.timedelta(minutes=15), Complexity.SIMPLE),
            (
                "answer",
                dt.timedelta(hours=2),
                "加班工资的计算基数原则上是劳动者正常工作时间的工资,不能一律按最低工资标准计算。"
                "劳动合同对工资有约定的按约定,计件工资应折算后计算。工作日延长工作时间支付不低于150%,"
                "休息日安排工作又不能补休的支付不低于200%。建议核对近12个月工资表,补足差额并完善考勤记录。",
            ),
        ],
    },
    {
        "asker": "zhou.staff@demo.example",
        "title": "企业被列入经营异常名录后如何信用修复?",
        "industry": "software",
        "risk": "governance",
        "description": "公司因为年报逾期被列入经营异常名录,影响了投标。补报年报后多久可以移出?还需要到哪里申请信用修复?",
        "ago": dt.timedelta(days=15),
        "steps": [
            ("acknowledge", "due+3h"),
            ("transfer", dt.timedelta(days=1), "market", "经营异常名录移出与信用修复由市场监管部门办理。"),
            (
                "answer",
                "due+1d",
                "补报年报并公示后,可通过国家企业信用信息公示系统申请移出经营异常名录,市场监管部门自收到申请之日起5个工作日内作出决定。"
                "信用修复按“从快从简”办理,移出后可同步申请在“信用中国”等平台屏蔽相关信息。",
            ),
        ],
    },
    {
        "asker": "zhang.officer@demo.example",
        "title": "与外地客户签订买卖合同要注意哪些条款?",
        "industry": "footwear",
        "risk": "market",
        "description": "我们准备和省外一家连锁店签年度供货合同,对方提供的格式合同里有“质量异议期一年”“争议由买方所在地法院管辖”等条款,需要重点修改哪些?",
        "ago": dt.timedelta(days=20),
        "steps": [
            ("acknowledge", dt.timedelta(minutes=8)),
            ("classify", dt.timedelta(minutes=20), Complexity.SIMPLE),
            (
                "answer",
                dt.timedelta(hours=3),
                "建议重点关注:质量标准与检验期限(可约定收货后合理期限内书面提出异议)、付款节点与逾期责任、"
                "管辖条款(可协商约定原告住所地或合同履行地法院)、违约金比例。格式条款中免除对方责任、加重我方责任的,应当要求对方提示说明。",
            ),
            ("close", dt.timedelta(days=1), 5, "答复很具体,已经按建议和客户重新谈了条款。"),
        ],
    },
    {
        "asker": "chen.officer@demo.example",
        "title": "开展数据出境需要做哪些评估?",
        "industry": "software",
        "risk": "data",
        "description": "我们的海外客户需要访问国内服务器上的订单数据,包括收货人姓名和电话。是否属于数据出境?需要做安全评估还是签标准合同?",
        "ago": dt.timedelta(days=40),
        "steps": [
            ("acknowledge", dt.timedelta(minutes=15)),
            ("classify", dt.timedelta(minutes=30), Complexity.COMPLEX),
            ("assign", dt.timedelta(minutes=35), "sfj.lead@demo.example"),
            (
                "answer",
                dt.timedelta(days=3),
                "境外客户访问境内服务器中的个人信息属于数据出境。按《促进和规范数据跨境流动规定》,"
                "当年累计向境外提供不满10万人个人信息(不含敏感个人信息)的,可免予申报安全评估和订立标准合同,但仍需履行告知、取得单独同意和个人信息保护影响评估义务。"
                "建议先梳理出境数据清单和数量,再确定适用路径。",
            ),
            ("close", dt.timedelta(days=6), 4, "思路清楚,后续评估还需要专业机构协助。"),
        ],
    },
    {
        "asker": "wang.staff@demo.example",
        "title": "环保检查发现危废台账不全会怎么处理?",
        "industry": "footwear",
        "risk": "environment",
        "description": "车间产生的胶水空桶和废抹布一直交给回收商,但没有建危险废物管理台账。环保部门检查时会怎么处罚?现在补建来得及吗?",
        "ago": dt.timedelta(days=60),
        "steps": [
            ("acknowledge", "due+2h"),
            ("classify", dt.timedelta(hours=3), Complexity.SIMPLE),
            (
                "answer",
                "due+2d",
                "胶水空桶、沾染胶黏剂的废抹布属于危险废物,应当建立管理台账并交有资质单位处置。"
                "首次发现、危害后果轻微并及时改正的,可适用“首违不罚”。建议立即停止交给无资质回收商,补建台账、设置贮存场所标识并签订处置合同。",
            ),
            ("close", "due+4d", 2, "答复太慢,检查前没来得及整改。"),
        ],
    },
]


def _group_for(name):
    group, _created = Group.objects.get_or_create(name=f"咨询受理 · {name}")
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)
    return group


def load_departments():
    departments = {}
    for order, (slug, name, scope, intake, staff) in enumerate(DEPARTMENTS):
        department, _created = Department.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": scope, "is_intake": intake, "sort_order": order}
        )
        if department.group_id is None:
            department.group = _group_for(name)
            department.save(update_fields=["group"])
        for email, real_name in staff:
            user = ensure_user(email, real_name)
            user.groups.add(department.group)
        if department.lead_id is None:
            # The first of each department's staff is its lead: the one who assigns and transfers.
            department.lead = ensure_user(*staff[0])
            department.save(update_fields=["lead"])
        departments[slug] = department
    return departments


def ensure_schedule():
    Schedule.objects.update_or_create(
        name="consult.check_deadlines",
        defaults={
            "func": "consult.jobs.check_deadlines",
            "schedule_type": Schedule.MINUTES,
            "minutes": 5,
            "repeats": -1,
        },
    )


def _moment(request, stage, offset):
    """A step's time: an offset from submission, or "due+…" after the stage's deadline."""
    if isinstance(offset, dt.timedelta):
        return request.submitted_at + offset
    amount = offset.removeprefix("due+")
    delta = (
        dt.timedelta(hours=int(amount[:-1])) if amount.endswith("h") else dt.timedelta(days=int(amount[:-1]))
    )
    due = request.ack_due_at if stage == "acknowledge" else request.answer_due_at
    return due + delta


def _staff(email):
    return get_user_model().objects.get(email=email)


def load_requests(departments, now):
    User = get_user_model()
    leads = {slug: staff[0][0] for slug, _name, _scope, _intake, staff in DEPARTMENTS}
    industries = {industry.code: industry for industry in Industry.objects.all()}
    areas = {area.code: area for area in RiskArea.objects.all()}
    created = 0
    for spec in REQUESTS:
        asker = User.objects.filter(email=spec["asker"]).first()
        if asker is None or ConsultationRequest.objects.filter(asker=asker, title=spec["title"]).exists():
            continue
        request = services.submit(
            asker,
            title=spec["title"],
            description=spec["description"],
            industry=industries.get(spec["industry"]),
            risk_area=areas.get(spec["risk"]),
            urgent=spec.get("urgent", False),
            may_publish_anonymously=True,
            department=departments["justice"],
            now=now - spec["ago"],
        )
        for step in spec["steps"]:
            action, offset, *args = step
            at = min(_moment(request, action, offset), now)
            handler = _staff(leads[request.department.slug])
            if action == "acknowledge":
                services.acknowledge(request, handler, now=at)
            elif action == "classify":
                services.classify(request, handler, args[0], now=at)
            elif action == "assign":
                services.assign(request, handler, _staff(args[0]), now=at)
            elif action == "transfer":
                services.transfer(request, handler, departments[args[0]], args[1], now=at)
            elif action == "answer":
                services.answer(request, handler, args[0], now=at)
            elif action == "close":
                services.close(request, asker, args[0], args[1], now=at)
            request.refresh_from_db()
        created += 1
    return created


def load(stdout):
    departments = load_departments()
    ensure_schedule()
    with services.notifications_muted():
        created = load_requests(departments, timezone.now())
    stdout.write(
        f"  咨询台:{len(departments)} 个受理部门,{created} 条新演示咨询;"
        "管理后台部门账号如 sfj.lead(区司法局)、scjg.lead(区市场监管局),密码与其他演示用户相同"
    )
