"""Validators for identifiers used by Chinese enterprises and people."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z).
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17):
    """The check character (18th) for the first 17 characters of a credit code."""
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalize_phone(value):
    """One stored form for a phone number: ASCII digits only, a mainland +86 prefix dropped.

    Accepts full-width digits (１３８…), spaces, dashes, dots and brackets, and +86 / 0086 / (86).
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = re.sub(r"[\s\-‐–—.()（）]", "", text)
    if text.startswith("+"):
        text = text[1:]
    elif text.startswith("00"):
        text = text[2:]
    else:
        return text
    # International form: only China's country code is dropped; others keep theirs with "+".
    return text[2:] if text.startswith("86") else "+" + text


def validate_phone(value):
    digits = value[1:] if value.startswith("+") else value
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        raise ValidationError(
            _("请输入有效的电话号码（7至15位数字，可带 +86、空格或短横线）。"), code="phone"
        )


def normalize_credit_code(value):
    return (value or "").strip().upper().replace(" ", "")


def validate_credit_code(value):
    """Validate a unified social credit code (统一社会信用代码) with its check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(length)d位。"), code="length", params={"length": len(code)}
        )
    bad = sorted({c for c in code if c not in CREDIT_CODE_CHARS})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有无效字符：%(chars)s（不使用 I、O、S、V、Z）。"),
            code="chars",
            params={"chars": "".join(bad)},
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新输入。"), code="checksum")
