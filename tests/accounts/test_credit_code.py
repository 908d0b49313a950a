import pytest
from django.core.exceptions import ValidationError

from accounts.validators import credit_code_check_char, validate_credit_code

# Real codes: the Quzhou business-environment office (from the seed document), Sinopec, Xiaomi, Huawei.
REAL_CODES = ["11330800MB0R57773W", "91110000802100433B", "91110108551385082Q", "914403001922038216"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    validate_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]


def test_lower_case_and_spaces_are_normalised():
    validate_credit_code(" 91110108551385082q ")


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_single_character_corruption_is_caught(code):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for position in range(18):
        for replacement in alphabet:
            if replacement == code[position]:
                continue
            corrupted = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(ValidationError):
                validate_credit_code(corrupted)


@pytest.mark.parametrize(
    "code, message",
    [
        ("9111010855138508", "18位"),
        ("91110108551385082QQ", "18位"),
        ("9111010855138508IO", "无效字符"),
        ("91110108551385082S", "无效字符"),
        ("", "18位"),
    ],
)
def test_malformed_codes_get_a_clear_message(code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert message in " ".join(excinfo.value.messages)


def test_swapped_digits_are_caught():
    code = "91110000802100433B"
    swapped = code[:3] + code[4] + code[3] + code[5:]
    if swapped != code:
        with pytest.raises(ValidationError):
            validate_credit_code(swapped)
