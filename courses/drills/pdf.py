"""The graded report as a PDF, drawn with core.pdf's CJK font helpers."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.pdf import CJKPDF, MUTED, Row

from .scoring import Level


def report_pdf(report, person=""):
    """A CJKPDF of ``report`` (see report.Report)."""
    kind = _("模拟执法检查报告") if report.kind == "drill" else _("合规体检报告")
    pdf = CJKPDF(title=f"{report.title} · {kind}")
    pdf.add_page()
    _text(pdf, _("合规学堂 · 企业合规实训示范基地"), size=9, colour=MUTED)
    pdf.heading(kind, 1)
    _field(pdf, _("项目"), report.title)
    _field(pdf, _("受检对象"), report.subject)
    if person:
        _field(pdf, _("参训人员"), person)
    _field(pdf, _("日期"), date_format(timezone.localtime(report.date), "DATETIME_FORMAT"))
    pct = "—" if report.percent is None else f"{report.percent}%"
    _field(pdf, _("得分"), f"{report.score} / {report.max_score}" + _("（%(value)s）") % {"value": pct})
    _field(
        pdf,
        _("红黄绿"),
        _("红灯 %(red)s 项 · 黄灯 %(yellow)s 项 · 绿灯 %(green)s 项")
        % {"red": len(report.red), "yellow": len(report.yellow), "green": len(report.green)},
    )
    pdf.ln(2)
    pdf.level_badge(_level_for_grade(report.grade), _("评级：%(grade)s") % {"grade": report.grade_label})
    pdf.ln(8)
    _text(pdf, report.grade_summary)
    pdf.rule()

    pdf.heading(_("一、发现的问题"), 2)
    if not report.issues:
        _text(pdf, _("未发现红灯或黄灯问题。"), colour=MUTED)
    for finding in report.issues:
        _finding(pdf, finding)

    if report.consequences:
        pdf.heading(_("二、真实检查可能带来的法律后果"), 2)
        for item in report.consequences:
            pdf.block(
                item.title,
                [Row(_("法律依据"), item.legal_basis), Row(_("法律后果"), item.consequence)],
                title_size=11,
            )

    if report.flexible:
        pdf.heading(_("三、可能适用的“4+X”柔性执法"), 2)
        for item in report.flexible:
            rows = [Row(_("适用条件"), item.flexible_conditions)] if item.flexible_conditions else []
            pdf.block(f"{item.flexible_label}:{item.title}", rows, title_size=11)
        _text(
            pdf,
            _("柔性执法以主动纠正、及时整改为前提，红线问题和造成危害后果的情形通常不适用。"),
            size=9,
            colour=MUTED,
        )

    pdf.heading(_("四、针对性指导"), 2)
    if report.guidance:
        _text(pdf, _("建议学习的指引条目"), bold=True)
        for item in report.guidance:
            _text(pdf, f"· [{item.level_label}] {item.title}")
            if item.remedy:
                _text(pdf, _("整改建议：%(remedy)s") % {"remedy": item.remedy}, size=9, colour=MUTED)
    if report.cases:
        _text(pdf, _("以案说法：相关典型案例"), bold=True)
        for case in report.cases:
            _text(pdf, f"· {case.title}")
    if report.courses:
        _text(pdf, _("推荐课程"), bold=True)
        for course in report.courses:
            _text(pdf, f"· {course.title}")
    if not (report.guidance or report.cases or report.courses):
        _text(pdf, _("继续保持。可定期进行合规体检，关注法规更新。"), colour=MUTED)

    if report.green:
        pdf.heading(_("五、做得好的方面"), 2)
        for finding in report.green:
            _text(pdf, f"· {finding.question}:{finding.answer}", size=10)

    pdf.ln(4)
    _text(
        pdf,
        _("本报告由模拟演练或自查问卷生成，用于培训与自我评估，不构成行政执法结论或法律意见。"),
        size=8,
        colour=MUTED,
    )
    return pdf


def _field(pdf, label, value):
    pdf.label_value(label, value)


def _text(pdf, text, size=11, colour=None, bold=False):
    pdf.paragraph(text, size=size, colour=colour, bold=bold)


def _level_for_grade(grade):
    return {"excellent": Level.GREEN, "good": Level.GREEN, "pass": Level.YELLOW}.get(grade, Level.RED)


def _finding(pdf, finding):
    rows = [Row(_("作答"), finding.answer), Row(_("得分"), f"{finding.score} / {finding.max_score}")]
    if finding.feedback:
        rows.append(Row(_("点评"), finding.feedback))
    for item in finding.items:
        rows.append(Row(_("指引条目"), f"[{item.level_label}] {item.title}"))
        rows.append(Row(_("法律依据"), item.legal_basis))
    pdf.block(
        f"{finding.section} · {finding.question}",
        rows,
        badge=(finding.level, finding.level_label),
        title_size=10,
    )
