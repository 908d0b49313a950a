from search.highlight import highlight, highlight_terms


def test_longest_terms_first_and_escaped():
    terms = highlight_terms("信用修复 信用")
    assert terms[0] == "信用修复"
    html = highlight("企业<b>信用修复</b>与信用评价", terms)
    assert html == "企业&lt;b&gt;<mark>信用修复</mark>&lt;/b&gt;与<mark>信用</mark>评价"


def test_window_around_the_first_hit():
    text = "甲" * 300 + "首违不罚" + "乙" * 300
    html = highlight(text, highlight_terms("首违不罚"), window=60)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>首违不罚</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) == 62


def test_no_hit_shows_the_start_and_case_is_ignored():
    assert highlight("ISO 37301 compliance", highlight_terms("iso")) == "<mark>ISO</mark> 37301 compliance"
    assert highlight("abc" * 100, ["zzz"], window=10) == "abcabcabca…"
    assert highlight("", ["x"]) == ""


def test_user_input_is_never_markup():
    terms = highlight_terms("<script>alert(1)</script>")
    html = highlight("see <script>alert(1)</script> here", terms)
    assert "<script>" not in html
    assert "&lt;" in html


def test_parts_of_compound_words_are_marked_too():
    terms = highlight_terms("双随机一公开")
    assert terms[0] == "双随机一公开" and {"双随机", "公开"} <= set(terms)
    assert highlight("“双随机、一公开”抽查", terms) == "“<mark>双随机</mark>、一<mark>公开</mark>”抽查"
