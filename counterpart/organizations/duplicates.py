"""Organisations that are probably one: by credit code, by name without its legal form (across
Chinese and English names and aliases), and by similar names (rapidfuzz, compared in blocks).

``name_key()`` is the form names are compared in: NFKC, case-folded, without bracketed parts
((控股), (中国)), spaces and punctuation, and without the legal form at the end — 有限公司,
股份有限公司, 集团, 控股 …, Co., Ltd., Limited, Inc., Group, Holdings … — nor "The" in front.
So 深圳市腾讯计算机系统（控股）有限公司 and 深圳市腾讯计算机系统有限公司 are one name, and so are
Tencent Holdings Ltd. and Tencent Holdings Limited.

``find_duplicates()`` scores each candidate pair and says why. Similar names are compared within
blocks — names with the same first character, organisations of the same region — with
``rapidfuzz.process.cdist``, so 10,000 organisations take seconds (``benchmarks/duplicates.py``).
A pair a user marked "not duplicates" is left out, and so are a parent and its subsidiary.

Merging (``core.merge``) keeps the duplicates' names as aliases of the survivor (``merge_step``
below), so that an import or a search by the old name still finds it.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from counterpart.core.choices import Language
from counterpart.core.duplicates import (
    Candidate,
    base_form,
    blocks_by,
    compact,
    dismissed,
    pair,
    plain,
    similar_in_blocks,
)
from counterpart.core.merge import merge_step
from counterpart.geo.models import Region, RegionLevel

from . import uscc
from .models import Organization, OrganizationAlias

# Legal forms at the end of a Chinese name, longest first; taken off one after another
# (腾讯控股有限公司 → 腾讯控股 → 腾讯).
ZH_LEGAL_FORMS = (
    "集团股份有限公司",
    "集团有限责任公司",
    "控股集团有限公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "股份公司",
    "控股集团",
    "集团",
    "控股",
    "公司",
)
# Words of an English legal form at the end of a name (Co., Ltd. → "co ltd").
EN_LEGAL_WORDS = frozenset(
    {
        "co",
        "company",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "group",
        "holdings",
        "holding",
        "plc",
        "llc",
    }
)
# Suffixes of region names that a name may leave off (深圳 for 深圳市).
PLACE_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
)
# The shortest part of a name left once its legal form or place name is taken off.
MIN_KEY = 2
# The longest place name looked for at the start of a name.
MAX_PLACE = 12

# More organisations than this sharing one name: the name is generic, not a duplicate's.
MAX_SAME_NAME = 50

DEFAULT_MIN_SCORE = 80
DEFAULT_CUTOFF = 85

# Base scores of each kind of evidence; the region and the kind add or take a little.
SCORE_SAME_CODE = 100
SCORE_SAME_NAME = 95
SCORE_SAME_BUT_PLACE = 90


def name_key(text: str | None) -> str:
    """The form organisation names are compared in (see the module's text)."""
    words = base_form(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in EN_LEGAL_WORDS:
        words.pop()
    key = "".join(words)
    stripped = True
    while stripped:
        stripped = False
        for suffix in ZH_LEGAL_FORMS:
            if key.endswith(suffix) and len(key) - len(suffix) >= MIN_KEY:
                key = key[: -len(suffix)]
                stripped = True
                break
    return key


def code_key(text: str | None) -> str:
    """A credit code as written, or a name that might be one: NFKC, no spaces, upper case."""
    return uscc.normalize(unicodedata.normalize("NFKC", text or ""))


def place_names() -> dict[str, int]:
    """Names of provinces and prefectures as they begin an organisation's name (深圳市, 深圳,
    shenzhen), in the form of ``name_key``, with the region's id."""
    names: dict[str, int] = {}
    rows = Region.objects.filter(
        level__in=(RegionLevel.PROVINCE, RegionLevel.PREFECTURE)
    ).values_list("pk", "name_zh", "short_name_zh", "name_en")
    for pk, name_zh, short_name_zh, name_en in rows:
        forms = [name_zh, short_name_zh, name_en]
        for suffix in PLACE_SUFFIXES:
            if name_zh.endswith(suffix) and len(name_zh) - len(suffix) >= MIN_KEY:
                forms.append(name_zh.removesuffix(suffix))
                break
        for name in forms:
            key = compact(base_form(name))
            if len(key) >= MIN_KEY:
                names.setdefault(key, pk)
    return names


def split_place(key: str, places: dict[str, int]) -> tuple[int | None, str]:
    """The province or city ``key`` begins with (the longest; its region id) and the rest:
    深圳市腾讯计算机系统 → (深圳市, 腾讯计算机系统). (None, key) where none."""
    for length in range(min(len(key) - MIN_KEY, MAX_PLACE), MIN_KEY - 1, -1):
        region = places.get(key[:length])
        if region is not None:
            return region, key[length:]
    return None, key


@dataclass(frozen=True)
class Name:
    """One name of an organisation (Chinese, English or an alias) in the compared forms.

    ``place``: the region the name begins with (None if none); ``core``: the rest of ``key``.
    """

    owner: int
    text: str
    key: str
    place: int | None
    core: str


@dataclass
class Evidence:
    score: int
    reasons: list[str]


def _organizations():
    rows = Organization.objects.values_list(
        "pk",
        "name_zh",
        "name_en",
        "credit_code",
        "hq_region",
        "hq_region__province",
        "kind",
        "parent",
    )
    return {row[0]: row for row in rows}


def _names(organizations, places: dict[str, int]) -> list[Name]:
    texts = []
    for pk, name_zh, name_en, *_rest in organizations.values():
        texts.extend((pk, text) for text in (name_zh, name_en) if text)
    for owner, alias in OrganizationAlias.objects.values_list("organization", "alias"):
        if owner in organizations:
            texts.append((owner, alias))
    names = []
    for owner, text in texts:
        key = name_key(text)
        if key and key not in places:  # a name that is only a place name says nothing
            names.append(Name(owner, text, key, *split_place(key, places)))
    return names


def _add(found: dict, a: int, b: int, score: int, reason: str) -> None:
    key = pair(a, b)
    evidence = found.get(key)
    if evidence is None:
        found[key] = Evidence(score, [reason])
        return
    evidence.score = max(evidence.score, score)
    if reason not in evidence.reasons:
        evidence.reasons.append(reason)


def _same_codes(organizations, names, found) -> None:
    by_code: dict[str, set[int]] = defaultdict(set)
    for pk, _zh, _en, code, *_rest in organizations.values():
        if code:
            by_code[code_key(code)].add(pk)
    for owners in by_code.values():
        ordered = sorted(owners)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                _add(found, a, b, SCORE_SAME_CODE, _("same credit code"))
    for name in names:
        for other in by_code.get(code_key(name.text), ()):
            if other != name.owner:
                _add(
                    found,
                    name.owner,
                    other,
                    SCORE_SAME_CODE,
                    _("the name “%(name)s” is the other's credit code") % {"name": name.text},
                )


def _same_names(names: list[Name], found) -> None:
    """Names equal without their legal form, or but for a place name only one of them has.

    Two names of different places (东莞博远电子, 中山博远电子) are different registrations.
    """
    by_core: dict[str, list[Name]] = defaultdict(list)
    for name in names:
        by_core[name.core].append(name)
    for group in by_core.values():
        if len({name.owner for name in group}) > MAX_SAME_NAME:
            continue  # a name this common names no one (an alias such as 商务局)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.owner == b.owner:
                    continue
                if a.place == b.place:
                    if plain(a.text) == plain(b.text):
                        reason = _("same name “%(name)s”") % {"name": a.text}
                    else:
                        reason = _("same name without legal form: “%(a)s” = “%(b)s”") % {
                            "a": a.text,
                            "b": b.text,
                        }
                    _add(found, a.owner, b.owner, SCORE_SAME_NAME, reason)
                elif a.place is None or b.place is None:
                    reason = _("same name but for the place name: “%(a)s” = “%(b)s”") % {
                        "a": a.text,
                        "b": b.text,
                    }
                    _add(found, a.owner, b.owner, SCORE_SAME_BUT_PLACE, reason)


def _similar_names(names: list[Name], cutoff: int, found) -> None:
    """Names alike (rapidfuzz ratio of the names without place and legal form), compared in
    blocks of names whose trade name (what follows the place) begins with the same character."""

    def comparable(i: int, j: int) -> bool:
        """Not the same core (a reason of its own) and not two different places."""
        a, b = names[i], names[j]
        return a.core != b.core and (a.place is None or b.place is None or a.place == b.place)

    cores = [n.core for n in names]
    owners = [n.owner for n in names]
    blocks = blocks_by(core[0] for core in cores)
    for (a, b), (score, i, j) in similar_in_blocks(
        cores, owners, blocks, cutoff, accept=comparable
    ).items():
        _add(
            found,
            a,
            b,
            score,
            _("similar names %(score)d%%: “%(a)s” ~ “%(b)s”")
            % {"score": score, "a": names[i].text, "b": names[j].text},
        )


def _adjust(candidate: Candidate, a: tuple, b: tuple) -> None:
    """Region, kind and credit codes make a pair more or less likely."""
    _pk, _zh, _en, code_a, region_a, province_a, kind_a, _parent = a
    _pk, _zh, _en, code_b, region_b, province_b, kind_b, _parent = b
    if region_a and region_a == region_b:
        candidate.score += 3
        candidate.reasons.append(_("same region"))
    elif province_a and province_a == province_b:
        candidate.score += 1
        candidate.reasons.append(_("same province"))
    elif province_a and province_b:
        candidate.score -= 10
        candidate.warnings.append(_("headquarters in different provinces"))
    if code_a and code_b and code_key(code_a) != code_key(code_b):
        candidate.score -= 40
        candidate.warnings.append(_("different credit codes"))
    if kind_a != kind_b:
        candidate.score -= 5
        candidate.warnings.append(_("different kinds"))
    candidate.score = max(0, min(100, candidate.score))


def find_duplicates(
    min_score: int = DEFAULT_MIN_SCORE, cutoff: int = DEFAULT_CUTOFF
) -> list[Candidate]:
    """Pairs of organisations that may be one, best first, with a score (0–100) and reasons.

    ``cutoff``: how similar (rapidfuzz ratio of ``name_key`` forms) two names must be to count;
    ``min_score``: the lowest score of a pair returned.
    """
    organizations = _organizations()
    names = _names(organizations, place_names())
    found: dict[tuple[int, int], Evidence] = {}
    _same_codes(organizations, names, found)
    _same_names(names, found)
    _similar_names(names, cutoff, found)
    skip = dismissed(Organization)
    candidates = []
    for (low, high), evidence in found.items():
        a, b = organizations[low], organizations[high]
        if (low, high) in skip or a[7] == high or b[7] == low:
            continue  # marked "not duplicates", or a parent and its subsidiary
        candidate = Candidate(low, high, evidence.score, list(evidence.reasons))
        _adjust(candidate, a, b)
        if candidate.score >= min_score:
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.low_id, c.high_id))
    return candidates


@merge_step(Organization)
def keep_names_as_aliases(survivor: Organization, duplicates, result) -> None:
    """The duplicates' names become aliases of the survivor, so the old names still find it."""
    have = {survivor.name_zh, survivor.name_en}
    have.update(survivor.aliases.values_list("alias", flat=True))
    for duplicate in duplicates:
        for text, language in ((duplicate.name_zh, Language.ZH), (duplicate.name_en, Language.EN)):
            if not text or text in have:
                continue
            alias = OrganizationAlias(organization=survivor, alias=text, language=language)
            alias.full_clean()
            alias.save()
            have.add(text)
            result.notes.append(
                _("“%(name)s” is kept as an alias of “%(survivor)s”.")
                % {"name": text, "survivor": survivor}
            )
