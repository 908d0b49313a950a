"""合规整改报告 as a PDF, drawn from the issued snapshot with core.pdf's layout; its QR code and
address lead to the public verification page on SITE_URL."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core import qr
from core.pdf import CJKPDF, MUTED, Row

from .reporting import verification_url

QR_SIZE = 36  # mm
LEVELS = {
    "红灯": "red",
    "黄灯": "yellow",
    "绿灯": "green",
    "Red": "red",
    "Yellow": "yellow",
    "Green": "green",
}


def _level_key(label):
    """The traffic-light colour of a level as the snapshot printed it (红灯 / 黄灯 / 绿灯)."""
    for word, key in LEVELS.items():
        if word in (label or ""):
            return key
    return "yellow"


def _levels(facts):
    if not facts:
        return ["—"] * 4
    percent = f"{facts['percent']}%" if facts.get("percent") else "—"
    return [facts.get("grade") or "—", percent, str(facts.get("red", "")), str(facts.get("yellow", ""))]


def report_pdf(report):
    """A CJKPDF of ``report`` (an IssuedReport): the facts its snapshot froze, and how to verify them."""
    snap = report.snapshot
    url = verification_url(report)
    pdf = CJKPDF(
        title=f"{snap['plan']} · {_('合规整改报告')}",
        footer_text=_("合规学堂 · 合规整改报告 · 验证码 %(code)s") % {"code": report.code},
    )
    pdf.set_creation_date(report.issued_at)  # the same report renders to the same bytes
    pdf.add_page()
    pdf.paragraph(_("合规学堂 · 企业合规实训示范基地"), size=9, colour=MUTED)
    pdf.heading(_("合规整改报告"), 1)
    issued = timezone.localtime(report.issued_at).strftime("%Y-%m-%d")
    for label, value in (
        (_("企业"), snap["enterprise"]),
        (_("统一社会信用代码"), snap["credit_code"]),
        (_("所属行业"), snap.get("industry")),
        (_("整改计划"), snap["plan"]),
        (_("计划状态"), snap.get("status")),
        (_("创建时间"), snap["created"]),
        (_("完成时间"), snap["closed"]),
        (_("出具时间"), issued),
        (_("验证码"), report.code),
    ):
        pdf.label_value(label, value)
    pdf.ln(2)
    pdf.rule()

    pdf.heading(_("一、整改前后对比"), 2)
    before = _levels(snap["before"])
    after = _levels(snap.get("after")) if snap.get("after") else [_("未复查")] * 4
    pdf.table(
        [_("项目"), _("整改前"), _("复查后")],
        [
            [label, before[index], after[index]]
            for index, label in enumerate((_("评级"), _("得分率"), _("红灯（项）"), _("黄灯（项）")))
        ],
        [2, 3, 3],
    )
    if snap.get("rechecks"):
        pdf.paragraph(_("复查记录"), bold=True, size=10)
        pdf.table(
            [_("复查时间"), _("复查范围"), _("复查前红/黄"), _("复查后红/黄"), _("通过率"), _("评级")],
            [
                [
                    check["date"],
                    check["scope"],
                    f"{check['before_red']} / {check['before_yellow']}",
                    f"{check['after_red']} / {check['after_yellow']}",
                    check["pass_rate"],
                    check["grade"],
                ]
                for check in snap["rechecks"]
            ],
            [2.2, 3, 2, 2, 1.5, 1.5],
        )

    findings = [_finding(task) for task in snap["tasks"]]
    first = findings[0] if findings else None
    pdf.heading(
        _("二、发现的问题与整改情况"),
        2,
        keep_with=pdf.block_height(*first[:2], badge=first[2], title_size=11) if first else None,
    )
    for title, rows, badge in findings:
        pdf.block(title, rows, badge=badge, title_size=11)
        pdf.rule()

    pdf.heading(_("三、证明材料清单"), 2)
    evidence = [
        [str(task["position"]), task["title"], item["name"], item["uploaded"], item["sha256"]]
        for task in snap["tasks"]
        for item in task.get("evidence") or []
    ]
    if evidence:
        pdf.table(
            [_("序号"), _("整改事项"), _("文件名"), _("上传时间"), "SHA-256"],
            evidence,
            [1.5, 4, 3.2, 2.2, 4.1],
        )
    else:
        pdf.paragraph(_("未上传证明材料。"), colour=MUTED)

    pdf.heading(_("四、相关人员培训学时"), 2)
    if snap["training"]:
        pdf.table(
            [_("人员"), _("课程学时"), _("活动学时"), _("合计学时")],
            [
                [row["person"], row.get("course_hours", "—"), row.get("event_hours", "—"), row["hours"]]
                for row in snap["training"]
            ],
            [3, 2, 2, 2],
        )
        pdf.paragraph(
            _("学时按课程完成后的学分学时与活动签到学时累计，截至报告出具之日。"), size=8, colour=MUTED
        )
    else:
        pdf.paragraph(_("整改事项尚未指派责任人。"), colour=MUTED)

    _verification(pdf, report, url)
    return pdf


def _verification(pdf, report, url):
    """The QR code and the address beside it, kept together on one page."""
    pdf.heading(_("五、报告验证"), 2)
    pdf.ensure_space(QR_SIZE + 4)
    top = pdf.get_y()
    pdf.image(qr.png(url, box_size=8), x=pdf.l_margin, y=top, w=QR_SIZE, h=QR_SIZE)
    x = pdf.l_margin + QR_SIZE + 6
    width = pdf.epw - QR_SIZE - 6
    pdf.set_y(top + 1)
    pdf.write_lines(
        _("扫描二维码或访问以下地址，核对本报告由合规学堂出具且内容未被改动："), size=10, x=x, width=width
    )
    pdf.write_lines(url, size=9, x=x, width=width)
    pdf.ln(1)
    pdf.write_lines(_("内容摘要（SHA-256）"), size=9, x=x, width=width, colour=MUTED)
    pdf.write_lines(report.content_hash, size=9, x=x, width=width)
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE) + 4)
    pdf.paragraph(
        _(
            "本报告依据企业在合规学堂记录的整改计划、整改事项和证明材料生成，内容于出具时冻结；"
            "不构成行政执法结论、第三方评估意见或法律意见。"
        ),
        size=8,
        colour=MUTED,
    )


def _finding(task):
    """(title, rows, badge) of one task's block: the finding, what was done, and the result."""
    rows = [
        Row(_("风险领域"), task.get("risk_area")),
        Row(_("检查事项"), task.get("question")),
        Row(_("原回答"), task.get("answer")),
        Row(_("法律依据"), task.get("legal_basis")),
        Row(_("整改建议"), task.get("remedy")),
        Row(_("责任人"), task.get("owner")),
        Row(_("整改期限"), task.get("due")),
        Row(_("完成时间"), task.get("completed")),
        Row(_("状态"), task.get("status"), bold=True),
        Row(_("整改情况"), task.get("done")),
        Row(_("复查结果"), task.get("after_level")),
        Row(_("证明材料"), _("%(n)s 份") % {"n": len(task.get("evidence") or [])}),
    ]
    # Empty facts are left out, except what was done (an empty one is worth seeing).
    rows = [row for row in rows if row.value or row.label == _("整改情况")]
    return f"{task['position']}. {task['title']}", rows, (_level_key(task["level"]), task["level"])
