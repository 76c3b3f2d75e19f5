"""Unified social credit code (统一社会信用代码) checks per GB 32100-2015.

Written by hand: the PyPI packages that check these codes are unmaintained or GPL, and the
rule is a dozen lines (see ../shared/refdata/uscc.md for the standard and the test vectors).
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {c: i for i, c in enumerate(CHARSET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
FORMAT = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
LENGTH = 18


class Verdict(StrEnum):
    VALID = "valid"
    CHECK_FAILED = "check_failed"  # well-formed, wrong check character: a warning
    INVALID = "invalid"  # impossible format: an error


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    message: str = ""
    expected_check: str | None = None


def normalize(code: str) -> str:
    """Upper-case and strip the spaces people paste in."""
    return re.sub(r"\s+", "", code or "").upper()


def check_character(first17: str) -> str:
    total = sum(VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def check(code: str) -> CheckResult:
    code = normalize(code)
    if len(code) != LENGTH:
        return CheckResult(
            Verdict.INVALID,
            _("A credit code has %(length)d characters; this one has %(found)d.")
            % {"length": LENGTH, "found": len(code)},
        )
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return CheckResult(
            Verdict.INVALID,
            _(
                "A credit code uses digits and the letters %(letters)s only (not I, O, S, V, Z); "
                "found %(bad)s."
            )
            % {"letters": CHARSET[10:], "bad": ", ".join(bad)},
        )
    if not FORMAT.match(code):
        return CheckResult(
            Verdict.INVALID,
            _("Characters 3 to 8 of a credit code are the six-digit division code."),
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        return CheckResult(
            Verdict.CHECK_FAILED,
            _(
                "The check character is %(found)s but GB 32100 gives %(expected)s; "
                "some genuine early codes fail this check."
            )
            % {"found": code[17], "expected": expected},
            expected,
        )
    return CheckResult(Verdict.VALID)
