"""core.pdf: Chinese line breaking, blocks kept whole, the footer inside the margins."""

import random

import pytest

from core.downloads import ascii_filename, content_disposition
from core.pdf import CJKPDF, FRAME_INSETS, Row, break_lines
from tests.core.pdf_checks import footer_boxes, line_breaking_faults, needs_poppler, pdf_pages

MM = 72 / 25.4


def monospace(text):
    """Every character one unit wide: the rules, not the font, decide the breaks."""
    return float(len(text))


@pytest.mark.parametrize(
    "text",
    [
        "一二三四五。六七八",
        "一二三四五》六七八",
        "一二三四五)。六七八",
        "一二三四（《刑法》第二条",
        "一二三四《刑法》",
    ],
)
def test_punctuation_stays_with_its_neighbour(text):
    # A naive break after five characters would start or end a line with the punctuation.
    lines = break_lines(text, 5, monospace)
    assert "".join(lines) == text
    assert len(lines) > 1
    assert line_breaking_faults([lines]) == []


@pytest.mark.parametrize(
    "text,whole",
    [
        ("处以罚款 5 万元以下", "5 万元"),
        ("加付赔偿金 50%—100% 的部分", "50%—100%"),
        ("期限为 2023–2025 年之间", "2023–2025 年"),
        ("累计学时 1.50 小时特发此证", "1.50 小时"),
    ],
)
def test_numbers_stay_with_their_units_and_ranges(text, whole):
    for width in range(len(whole), len(text) + 1):
        lines = break_lines(text, width, monospace)
        assert any(whole in line for line in lines), (width, lines)


def test_a_piece_wider_than_the_line_is_cut_and_nothing_is_lost():
    url = "https://academy.example/certificates/0123456789abcdef/"
    lines = break_lines(f"验证地址:{url}", 12, monospace)
    assert all(len(line) <= 12 for line in lines)
    assert "".join(lines) == f"验证地址:{url}"


def test_random_chinese_text_never_breaks_a_rule():
    rng = random.Random(17)
    han = "合规企业法律责任罚款整改"
    for _ in range(300):
        segments = []
        for _ in range(rng.randint(2, 14)):
            word = rng.choice(
                ["".join(rng.choice(han) for _ in range(rng.randint(1, 4))), " 5 万元", "50%—100%"]
            )
            segments.append(
                rng.choice(["", "", "（", "《"])
                + word
                + rng.choice(["", "", "。", "，", "、", "）", "》", ")。"])
            )
        text = "".join(segments)
        for width in (16, 24, 40):  # a line holds 30 to 50 characters in practice
            lines = break_lines(text, width, monospace)
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
            assert line_breaking_faults([[line for line in lines if line]]) == [], (text, lines)


def long_items(count=14):
    return [
        (
            f"第{number}项:严禁以假报出口或者其他欺骗手段骗取国家出口退税款(《刑法》第二百零四条)",
            [
                Row(
                    "合规要求", "不得以虚构出口业务、虚抬出口价格或者“买单配票”等方式骗取国家出口退税款。" * 2
                ),
                Row("法律依据", "《刑法》第二百零四条;《税收征收管理法》第六十六条"),
                Row(
                    "典型后果",
                    "逾期不支付的按应付金额 50%—100% 加付赔偿金,并处 5 万元以上 20 万元以下罚款;"
                    "情节严重的,责令停产停业(《安全生产法》第九十七条)。" * 2,
                ),
                Row("自查结果", "□ 已符合    □ 需整改    □ 不适用"),
            ],
        )
        for number in range(1, count + 1)
    ]


@needs_poppler
def test_a_long_document_follows_the_rules_and_keeps_blocks_whole(tmp_path):
    pdf = CJKPDF(title="测试指引")
    pdf.add_page()
    pdf.heading("鞋革行业企业合规工作指引(测试)", 1)
    pdf.paragraph(
        "总结鹿城鞋革行业涉案企业合规整改经验,列明鞋革企业在财税、消防、用工、环保和知识产权方面的红线、底线与推荐做法。"
        * 3
    )
    for title, rows in long_items():
        pdf.block(title, rows, badge=("red", "红线"))
        pdf.rule()
    pages = pdf_pages(pdf.render(), tmp_path)
    assert len(pages) > 2
    assert line_breaking_faults(pages) == []
    for number in range(1, 15):
        # The item's title and its last row are on the same page.
        [page] = [page for page in pages if any(line.startswith(f"第{number}项") for line in page)]
        start = next(i for i, line in enumerate(page) if line.startswith(f"第{number}项"))
        assert any("已符合" in line for line in page[start:]), number


@needs_poppler
def test_the_footer_is_inside_the_margins_and_clear_of_the_frame(tmp_path):
    pdf = CJKPDF(title="结业证书", orientation="landscape")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.frame()
    boxes = footer_boxes(pdf.render(), tmp_path, "Academy")
    assert boxes
    outer, inner = FRAME_INSETS
    for height, top, bottom in boxes:
        assert bottom < height - inner * MM - 2, "the footer touches the frame"
        assert top > height - 25 * MM, "the footer is not at the foot of the page"


def test_download_names_keep_the_chinese_and_fall_back_to_readable_ascii():
    header = content_disposition("鞋革行业企业合规工作指引.pdf", "guideline-footwear.pdf")
    assert header.startswith('attachment; filename="guideline-footwear.pdf"; ')
    assert "filename*=UTF-8''%E9%9E%8B%E9%9D%A9" in header
    assert ascii_filename("certificate-ab12.pdf", "x.pdf") == "certificate-ab12.pdf"
    assert ascii_filename("合规体检报告.pdf", "self-check-report.pdf") == "self-check-report.pdf"
    assert ascii_filename("报告", "report.pdf") == "report.pdf"
    # Quotes and path separators never reach the header.
    assert '"' not in content_disposition('a"b/../c.pdf', "c.pdf").split("filename*=")[1]


@needs_poppler
def test_table_rows_are_kept_whole_and_the_heading_row_repeats(tmp_path):
    pdf = CJKPDF(title="表格")
    pdf.add_page()
    rows = [
        [f"行{n}起", "整改建议:停止向无货供应商取票,逐张核对“三流一致”,补开合规发票。" * 2, f"行{n}止"]
        for n in range(1, 41)
    ]
    pdf.table(["序号", "整改情况", "结尾"], rows, [1, 4, 1])
    # A row taller than a page continues on the next one, nothing lost.
    pdf.table(["序号", "整改情况"], [["长行", "\n".join(f"第{n}行" for n in range(1, 121))]], [1, 4])
    pages = pdf_pages(pdf.render(), tmp_path)
    assert line_breaking_faults(pages) == []
    for number in range(1, 41):
        [page] = [page for page in pages if any(f"行{number}起" in line for line in page)]
        assert any(f"行{number}止" in line for line in page), number
    assert all(any("整改情况" in line for line in page) for page in pages if page)  # heading row on each page
    text = "\n".join("\n".join(page) for page in pages)
    assert all(f"第{n}行" in text for n in range(1, 121))


@needs_poppler
def test_the_rectification_report_follows_the_rules(tmp_path, settings):
    """The 合规整改报告 PDF: Chinese line breaking, findings and table rows kept whole, the footer
    inside the margins, the QR's address on SITE_URL."""
    import datetime as dt

    from rectification.models import IssuedReport
    from rectification.pdf import report_pdf
    from tests.rectification.factories import long_report_snapshot

    settings.SITE_URL = "https://academy.example/"
    report = IssuedReport(
        code="Q3x9-abcDEF_ghiJKLmnop",
        snapshot=long_report_snapshot(14),
        content_hash="e3" * 32,
        issued_at=dt.datetime(2026, 6, 20, tzinfo=dt.UTC),
    )
    data = report_pdf(report).render()
    assert data == report_pdf(report).render()  # the same report, the same bytes
    pages = pdf_pages(data, tmp_path)
    assert len(pages) > 3
    assert line_breaking_faults(pages) == []
    for number in range(1, 15):
        # A finding's title and its last row are on one page; so are an evidence row's first and last lines.
        [page] = [page for page in pages if any(f"{number}. 第{number}项" in line for line in page)]
        start = next(i for i, line in enumerate(page) if f"{number}. 第{number}项" in line)
        assert any("证明材料" in line for line in page[start:]), number
        [page] = [page for page in pages if any(f"发票台账-{number}-" in line for line in page)]
        assert any(f"{number:02d}{number:02d}" in line for line in page[-8:] + page), number
    text = "".join("".join(page) for page in pages).replace(" ", "")
    assert "https://academy.example/rectification/verify/Q3x9-abcDEF_ghiJKLmnop/" in text
    assert "e3" * 32 in text and "员工1-0" in text and "3.50" in text
    # The code is printed in the facts and the address too; the footer's copy is in the lower half.
    boxes = [box for box in footer_boxes(data, tmp_path, "Q3x9") if box[1] > box[0] / 2]
    assert len(boxes) == len([page for page in pages if page])
    for height, top, bottom in boxes:
        assert top > height - 22 * MM, "the footer is above the bottom margin"
        assert bottom < height - 8 * MM, "the footer runs off the page"
