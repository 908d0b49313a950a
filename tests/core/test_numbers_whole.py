"""core_tags.keep_numbers_whole: phone numbers and ranges in plain text that a line does not break inside."""

import pytest

from core.templatetags.core_tags import keep_numbers_whole


@pytest.mark.parametrize(
    "text, html",
    [
        (
            "咨询电话：0577-88000000（工作日 8:30–17:00）",
            '咨询电话：<a class="tel" href="tel:0577-88000000">0577-88000000</a>'
            '（工作日 <span class="nowrap">8:30–17:00</span>）',
        ),
        ("手机 13857700101", '手机 <a class="tel" href="tel:13857700101">13857700101</a>'),
        ("分机 0577-88000000-123", '分机 <a class="tel" href="tel:0577-88000000-123">0577-88000000-123</a>'),
        ("2026-12-03 起", '<span class="nowrap">2026-12-03</span> 起'),
        # Not a phone number: too short, or part of a longer run of digits.
        ("编号 12345 与 057788000000123", "编号 12345 与 057788000000123"),
    ],
)
def test_phone_numbers_become_links_and_ranges_stay_whole(text, html):
    assert keep_numbers_whole(text) == html


def test_the_text_is_escaped():
    assert keep_numbers_whole("<b>电话</b> 0577-88000000") == (
        '&lt;b&gt;电话&lt;/b&gt; <a class="tel" href="tel:0577-88000000">0577-88000000</a>'
    )
