"""GB 32100-2015 credit codes, checked against the vectors of ../shared/refdata/uscc.md."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from counterpart.organizations import uscc
from counterpart.organizations.models import Organization, OrganizationKind

VALID = [
    "914403001922038216",  # Huawei Technologies
    "9144030071526726XG",  # Tencent Technology (Shenzhen)
    "91110000710926094P",  # Sinopec
    "91310000631696382C",  # Baoshan Iron & Steel
    "91440300708461136T",  # Shenzhen Tencent Computer Systems
]
# Genuine early Fujian codes that fail the check character, with the character GB 32100 gives.
CHECK_FAILS = [
    ("91350100M0001TGQXM", "1"),
    ("91350211M0000XUF46", "R"),
    ("91350203M0001FUE2P", "J"),
]


@pytest.mark.parametrize("code", VALID)
def test_real_codes_are_valid(code):
    assert uscc.check(code).verdict == uscc.Verdict.VALID


@pytest.mark.parametrize(("code", "expected"), CHECK_FAILS)
def test_early_codes_fail_only_the_check_character(code, expected):
    result = uscc.check(code)
    assert result.verdict == uscc.Verdict.CHECK_FAILED
    assert result.expected_check == expected


def test_altered_check_character_is_caught():
    result = uscc.check("914403001922038217")
    assert result.verdict == uscc.Verdict.CHECK_FAILED
    assert result.expected_check == "6"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91440300192203821I", "not I, O, S, V, Z"),
        ("9144030019220382", "has 16"),
        ("91440A001922038216", "division code"),
        ("", "has 0"),
    ],
)
def test_impossible_formats_are_errors(code, words):
    with translation.override("en"):
        result = uscc.check(code)
    assert result.verdict == uscc.Verdict.INVALID
    assert words in result.message


def test_spaces_and_lower_case_are_normalised():
    assert uscc.check(" 9144030071526726xg ").verdict == uscc.Verdict.VALID


@given(
    st.text(alphabet=uscc.CHARSET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(alphabet=uscc.CHARSET, min_size=9, max_size=9),
)
def test_a_computed_check_character_always_validates(head, division, body):
    first17 = head + division + body
    assert uscc.check(first17 + uscc.check_character(first17)).verdict == uscc.Verdict.VALID


@pytest.mark.django_db
def test_model_rejects_an_impossible_code():
    org = Organization(kind=OrganizationKind.ENTERPRISE, name_zh="甲", credit_code="12345")
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "credit_code" in error.value.message_dict


@pytest.mark.django_db
def test_model_asks_for_a_reason_when_the_check_character_fails():
    org = Organization(
        kind=OrganizationKind.ENTERPRISE, name_zh="乙", credit_code="91350100M0001TGQXM"
    )
    with pytest.raises(ValidationError) as error, translation.override("en"):
        org.full_clean()
    assert error.value.error_dict["credit_code"][0].code == "check_failed"
    assert "override" in " ".join(error.value.message_dict["credit_code"])
    org.credit_code_override = "Code printed on the 2016 business licence; Fujian pilot series."
    org.full_clean()
    org.save()


@pytest.mark.django_db
def test_credit_code_is_unique_when_present_and_blank_is_not_a_duplicate():
    for name in ("丙", "丁"):
        org = Organization(kind=OrganizationKind.ENTERPRISE, name_zh=name, credit_code="")
        org.full_clean()
        org.save()
    Organization.objects.create(kind="enterprise", name_zh="戊", credit_code=VALID[0])
    duplicate = Organization(kind="enterprise", name_zh="己", credit_code=VALID[0])
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
def test_model_tidies_a_pasted_code_before_checking_its_length():
    org = Organization(kind="enterprise", name_zh="庚", credit_code=" 9144030071526726xg ")
    org.full_clean()
    assert org.credit_code == "9144030071526726XG"
