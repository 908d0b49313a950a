"""core_tags.bracketed: brackets of the interface language around a value shown beside Chinese text."""

from django.utils import translation

from core.templatetags.core_tags import bracketed


def test_chinese_brackets_are_full_width_and_english_ones_ascii_after_a_space():
    with translation.override("zh-hans"):
        assert bracketed("合规专员") == "（合规专员）"
    with translation.override("en"):
        assert bracketed("Compliance officer") == " (Compliance officer)"


def test_the_value_is_escaped():
    with translation.override("zh-hans"):
        assert bracketed("<b>") == "（&lt;b&gt;）"
