"""Projects that are probably one: an investor in common, the same destination (or one's city
inside the other's province) and similar names — entered twice under different codes, say once
from a signing list and once from a city's ledger.

Names are compared without brackets, spaces, the place they begin with and a final 项目 / 建设项目
/ "project" (rapidfuzz ratio), among the projects of each investor, so the cost follows the
number of projects per investor, not the square of all projects. Left out: pairs a user marked
"not duplicates", a project and the one it extends (an expansion is another project), and
different phases (一期 and 二期).

A merge keeps the survivor's stage history only (``keep_own`` below).
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counterpart.core.duplicates import (
    Candidate,
    base_form,
    compact,
    dismissed,
    plain,
    similar_in_blocks,
)
from counterpart.core.merge import keep_own
from counterpart.geo.models import Region
from counterpart.organizations.duplicates import place_names, split_place
from counterpart.organizations.models import Organization

from .models import Project, StageChange

# Endings of a project's name that say only that it is a project, longest first.
ENDINGS = ("建设项目", "项目", "工程", "project")
# A phase of a project: 一期, 二期, 3期 …
PHASE = re.compile(r"([一二三四五六七八九十0-9]+)期")
MIN_KEY = 2

DEFAULT_MIN_SCORE = 80
DEFAULT_CUTOFF = 80

# A merged project keeps its own stage history: the duplicate's moves would contradict its stage
# (the latest move is the current stage) and the as-of-date reports.
keep_own(
    StageChange,
    "project",
    gettext_lazy(
        "The stage history of the duplicate is not kept: the project kept has its own, which "
        "must agree with its stage."
    ),
)


def project_key(text: str | None) -> str:
    """The form project names are compared in: base form, no spaces, no final 项目."""
    key = compact(base_form(text))
    stripped = True
    while stripped:
        stripped = False
        for ending in ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= MIN_KEY:
                key = key[: -len(ending)]
                stripped = True
    return key


def phase(text: str | None) -> str | None:
    match = PHASE.search(plain(text))
    return match.group(1) if match else None


def _different_phases(a: str, b: str) -> bool:
    """一期 and 二期 are two projects; a name without a phase may be either."""
    phase_a, phase_b = phase(a), phase(b)
    return phase_a is not None and phase_b is not None and phase_a != phase_b


def _ancestors(regions: dict[int, int | None], region: int) -> set[int]:
    found: set[int] = set()
    node = regions.get(region)
    while node is not None and node not in found:
        found.add(node)
        node = regions.get(node)
    return found


def destination_relation(regions: dict[int, int | None], a: int | None, b: int | None) -> str:
    """ "same", "within" (one inside the other), "unknown" (one not given) or "different"."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    if a in _ancestors(regions, b) or b in _ancestors(regions, a):
        return "within"
    return "different"


def find_duplicates(
    min_score: int = DEFAULT_MIN_SCORE, cutoff: int = DEFAULT_CUTOFF
) -> list[Candidate]:
    """Pairs of projects that may be one, best first, with a score (0–100) and reasons."""
    projects = {
        row[0]: row
        for row in Project.objects.values_list(
            "pk",
            "name_zh",
            "name_en",
            "destination_region",
            "extends",
            "contract_value",
            "signed_date",
        )
    }
    investors: dict[int, set[int]] = defaultdict(set)
    by_investor: dict[int, set[int]] = defaultdict(set)
    for project, organization in Project.investors.through.objects.values_list(
        "project", "organization"
    ):
        investors[project].add(organization)
        by_investor[organization].add(project)

    places = place_names()
    texts, owners, keys, cores = [], [], [], []
    index: dict[int, list[int]] = defaultdict(list)
    for pk, name_zh, name_en, *_rest in projects.values():
        if not investors.get(pk):
            continue
        for text in (name_zh, name_en):
            key = project_key(text)
            if len(key) < MIN_KEY:
                continue
            index[pk].append(len(keys))
            texts.append(text)
            owners.append(pk)
            keys.append(key)
            cores.append(split_place(key, places)[1])
    blocks = [
        [i for project in members for i in index[project]]
        for members in by_investor.values()
        if len(members) > 1
    ]
    best = similar_in_blocks(keys, owners, blocks, cutoff)
    for found, score in similar_in_blocks(cores, owners, blocks, cutoff).items():
        if found not in best or score[0] > best[found][0]:
            best[found] = score

    regions = dict(Region.objects.values_list("pk", "parent"))
    organization_names = dict(
        Organization.objects.filter(pk__in=by_investor).values_list("pk", "name_zh")
    )
    skip = dismissed(Project)
    candidates = []
    for (low, high), (score, i, j) in best.items():
        a, b = projects[low], projects[high]
        relation = destination_relation(regions, a[3], b[3])
        if (
            (low, high) in skip
            or relation == "different"
            or a[4] == high
            or b[4] == low
            or _different_phases(texts[i], texts[j])
        ):
            continue
        common = sorted(organization_names.get(o, "") for o in investors[low] & investors[high])
        candidate = Candidate(low, high, score)
        candidate.reasons.append(
            _("investor in common: %(names)s") % {"names": "、".join(common[:3])}
        )
        if relation == "same":
            candidate.score += 5
            candidate.reasons.append(_("same destination"))
        elif relation == "within":
            candidate.reasons.append(_("one destination lies within the other"))
        else:
            candidate.score -= 5
            candidate.warnings.append(_("destination not known for both"))
        candidate.reasons.append(
            _("similar names %(score)d%%: “%(a)s” ~ “%(b)s”")
            % {"score": score, "a": texts[i], "b": texts[j]}
        )
        if a[5] is not None and a[5] == b[5]:
            candidate.score += 3
            candidate.reasons.append(_("same contract value"))
        if a[6] is not None and a[6] == b[6]:
            candidate.score += 3
            candidate.reasons.append(_("same signing date"))
        candidate.score = max(0, min(100, candidate.score))
        if candidate.score >= min_score:
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.low_id, c.high_id))
    return candidates
