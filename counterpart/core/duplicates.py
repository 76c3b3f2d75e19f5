"""What the "likely duplicates" review lists share: the candidate pair, the pairs a user marked
"not duplicates" (``NotDuplicate``), a base form of names, and fuzzy matching in blocks.

Each app finds its own candidates (``organizations/duplicates.py``, ``projects/duplicates.py``);
merging them is ``core/merge.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import models
from rapidfuzz import fuzz, process

from .models import NotDuplicate

# Bracketed parts of a name: (控股), (中国), [HK] … (full-width brackets are half-width after NFKC).
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
# What separates words: everything but letters, digits and CJK characters.
NOT_WORD = re.compile(r"[\W_]+")

# Rows of one block compared at a time (memory: rows × block size bytes).
CHUNK = 1000


@dataclass
class Candidate:
    """Two objects that may be one; ``low_id`` < ``high_id``."""

    low_id: int
    high_id: int
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return (self.low_id, self.high_id)


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def base_form(text: str | None) -> str:
    """NFKC, case-folded, without bracketed parts, words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = BRACKETED.sub(" ", text)
    return " ".join(NOT_WORD.sub(" ", text).split())


def plain(text: str | None) -> str:
    """NFKC, case-folded, without spaces and punctuation (brackets' contents kept): names equal
    in this form are the same name written differently."""
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def compact(text: str) -> str:
    """A base form without spaces: the form names are compared in."""
    return text.replace(" ", "")


# ---------------------------------------------------------------------------- not duplicates


def dismissed(model: type[models.Model]) -> set[tuple[int, int]]:
    """The pairs of ``model`` that users marked "not duplicates"."""
    content_type = ContentType.objects.get_for_model(model)
    return set(
        NotDuplicate.objects.filter(content_type=content_type).values_list("low_id", "high_id")
    )


def mark_not_duplicates(a: models.Model, b: models.Model, user=None) -> NotDuplicate:
    """Remember that ``a`` and ``b`` are different, so the pair is no longer proposed."""
    if type(a)._meta.concrete_model is not type(b)._meta.concrete_model or a.pk == b.pk:
        raise ValueError("a pair of two different objects of one model")
    content_type = ContentType.objects.get_for_model(a)
    low, high = pair(a.pk, b.pk)
    existing = NotDuplicate.objects.filter(
        content_type=content_type, low_id=low, high_id=high
    ).first()
    if existing is not None:
        return existing
    decision = NotDuplicate(content_type=content_type, low_id=low, high_id=high, user=user)
    decision.full_clean()
    decision.save()
    return decision


# ---------------------------------------------------------------------------- fuzzy matching


def similar_in_blocks(
    keys: Sequence[str],
    owners: Sequence[int],
    blocks: Iterable[Sequence[int]],
    cutoff: int,
    scorer=fuzz.ratio,
    accept: Callable[[int, int], bool] | None = None,
) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Pairs of owners with names at least ``cutoff`` similar, compared within each block.

    ``keys[i]`` is a name of object ``owners[i]``; a block is a list of indexes into ``keys``
    (names sharing a first character, objects of one region …). Returns, for each pair of owners,
    (score, index of one name, index of the other) of the most similar pair of their names;
    ``accept(i, j)``, if given, may refuse a pair of names (two different places …).
    Each block is compared with ``process.cdist`` in chunks, so that 10,000 names take seconds.
    """
    best: dict[tuple[int, int], tuple[int, int, int]] = {}
    seen_blocks: set[tuple[int, ...]] = set()
    for block in blocks:
        members = tuple(sorted(set(block)))
        if len(members) < 2 or members in seen_blocks:
            continue
        seen_blocks.add(members)
        choices = [keys[i] for i in members]
        for start in range(0, len(members), CHUNK):
            rows = members[start : start + CHUNK]
            scores = process.cdist(
                [keys[i] for i in rows],
                choices,
                scorer=scorer,
                score_cutoff=cutoff,
                dtype=np.uint8,
            )
            for r, c in zip(*np.nonzero(scores), strict=True):
                i, j = rows[r], members[c]
                if i >= j or owners[i] == owners[j] or (accept and not accept(i, j)):
                    continue
                key = pair(owners[i], owners[j])
                score = int(scores[r, c])
                if key not in best or score > best[key][0]:
                    best[key] = (score, i, j)
    return best


def blocks_by(values: Iterable[object]) -> list[list[int]]:
    """Indexes grouped by a value (None is no group): the blocks of ``similar_in_blocks``."""
    groups: dict[object, list[int]] = defaultdict(list)
    for index, value in enumerate(values):
        if value is not None and value != "":
            groups[value].append(index)
    return [g for g in groups.values() if len(g) > 1]
