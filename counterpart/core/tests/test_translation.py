"""The Simplified Chinese catalog: labels and messages in Chinese under zh-hans, English under en.

The catalog is counterpart/locale/zh_Hans/LC_MESSAGES/django.po, compiled to django.mo beside it
(``makemessages -l zh_Hans`` then ``compilemessages`` from the package directory).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import override

from counterpart.projects.choices import Stage
from counterpart.projects.models import Project

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_model_and_choice_labels_in_chinese_and_english():
    with override("zh-hans"):
        assert str(Project._meta.verbose_name) == "项目"
        assert str(Stage.NEGOTIATING.label) == "洽谈"
    with override("en"):
        assert str(Project._meta.verbose_name) == "project"
        assert str(Stage.NEGOTIATING.label) == "negotiating"


def stage_requirement_messages(kwargs: dict) -> list[str]:
    """The contract-value errors of a signed project without one, in the active language."""
    project = Project(**{**kwargs, "contract_value": None})
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    return error.value.message_dict["contract_value"]


@pytest.mark.django_db
def test_a_message_with_placeholders_is_rendered_in_chinese(signed_project_kwargs):
    with override("zh-hans"):
        messages = stage_requirement_messages(signed_project_kwargs)
    assert "处于“签约”阶段的项目须填写“签约额（元）”。" in messages


@pytest.mark.django_db
def test_the_same_message_in_english(signed_project_kwargs):
    with override("en"):
        messages = stage_requirement_messages(signed_project_kwargs)
    assert "A project at stage “signed” needs “contract value (yuan)”." in messages


# The .po file, read with a small parser: no entry may be untranslated or fuzzy.

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
CONTINUATION = re.compile(r'^"(.*)"$')
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def po_entries(path: Path) -> list[dict]:
    """Each live entry as {"flags": set, "msgid": str, "msgstr": [str, ...], ...}."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict = {"flags": set(), "msgstr": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue  # references, translator comments, obsolete (#~) entries
            elif match := KEYWORD.match(line):
                key, text = match.group(1), unescape(match.group(2))
                if key.startswith("msgstr"):
                    entry["msgstr"].append(text)
                else:
                    entry[key] = text
            elif (match := CONTINUATION.match(line)) and key:
                text = unescape(match.group(1))
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += text
                else:
                    entry[key] += text
            else:
                raise AssertionError(f"unexpected line in {path.name}: {line!r}")
        if "msgid" in entry:
            entries.append(entry)
    return entries


def catalog_entries() -> list[dict]:
    entries = [e for e in po_entries(PO_FILE) if e["msgid"]]  # the header has an empty msgid
    assert len(entries) > 300, "the catalog looks truncated"
    return entries


def test_the_catalog_and_its_compiled_form_exist():
    assert PO_FILE.is_file()
    assert PO_FILE.with_suffix(".mo").is_file(), "run compilemessages"


def test_no_entry_is_untranslated_or_fuzzy():
    untranslated = [e["msgid"] for e in catalog_entries() if not (e["msgstr"] and all(e["msgstr"]))]
    # The header counts too: a fuzzy header is left out of the compiled catalog.
    fuzzy = [e["msgid"] for e in po_entries(PO_FILE) if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_the_placeholders_of_the_english():
    mismatched = [
        e["msgid"]
        for e in catalog_entries()
        for msgstr in e["msgstr"]
        if sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(e["msgid"]))
    ]
    assert mismatched == []
