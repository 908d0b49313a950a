"""The project's SVG icons: a subset of Lucide (ISC licence, ``core/icons/LICENSE``).

Emoji are not used as icons: they render as empty boxes where no emoji font is installed.
"""

import re
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

ICON_DIR = Path(__file__).resolve().parent / "icons"

# Icons an editor may give an industry (the admin's choices), by file name.
INDUSTRY_ICONS = [
    ("footprints", _("鞋履")),
    ("laptop", _("电脑")),
    ("building-2", _("建筑")),
    ("hard-hat", _("安全帽")),
    ("shirt", _("服装")),
    ("glasses", _("眼镜")),
    ("utensils", _("餐饮")),
    ("flask-conical", _("化工")),
    ("truck", _("物流")),
    ("shopping-cart", _("电商")),
    ("printer", _("印刷")),
    ("pill", _("医药")),
    ("stethoscope", _("医疗")),
    ("wrench", _("维修")),
    ("factory", _("工厂")),
    ("package", _("包装")),
    ("car", _("汽车")),
    ("zap", _("电气")),
    ("battery-charging", _("新能源")),
    ("flame", _("火")),
    ("pen-line", _("笔")),
    ("lock", _("锁具")),
    ("home", _("房屋")),
    ("armchair", _("家具")),
    ("scissors", _("纺织")),
    ("graduation-cap", _("教育")),
    ("briefcase", _("商务")),
    ("landmark", _("机构")),
]

_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)


@cache
def _source(name):
    path = ICON_DIR / f"{name}.svg"
    if not re.fullmatch(r"[a-z0-9-]+", name or "") or not path.is_file():
        return ""
    svg = _COMMENT.sub("", path.read_text(encoding="utf-8")).strip()
    svg = re.sub(r"\s+", " ", svg).replace(" >", ">").replace(" />", "/>")
    return svg.replace('width="24" height="24" ', "")


def svg(name, label=""):
    """The icon's inline SVG markup ("" for an unknown name)."""
    source = _source(name)
    if not source:
        return ""
    if label:
        attributes = f'role="img" aria-label="{escape(label)}"'
    else:
        attributes = 'aria-hidden="true" focusable="false"'
    return mark_safe(
        source.replace(f'class="lucide lucide-{name}"', f'{attributes} class="icon icon-{name}"', 1)
    )
