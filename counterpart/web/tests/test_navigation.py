"""The navbar marks the one page the user is on."""

import pytest
from django.urls import reverse
from django.utils import translation

from counterpart.web.navigation import menu


def open_pages(path: str) -> list[str]:
    return [str(i["label"]) for s in menu(path) for i in s["items"] if i["active"]]


@pytest.mark.parametrize(
    ("url_name", "kwargs", "expected"),
    [
        ("projects:supervision", {}, ["Supervision"]),
        ("projects:board", {}, ["Pipeline board"]),
        ("projects:project_list", {}, ["Projects"]),
        ("projects:project", {"pk": 12}, ["Projects"]),
        ("projects:followup_list", {}, ["Follow-ups"]),
        ("home", {}, []),
    ],
)
def test_only_the_longest_matching_page_is_open(url_name, kwargs, expected):
    with translation.override("en"):
        assert open_pages(reverse(url_name, kwargs=kwargs)) == expected


def test_the_section_of_the_open_page_is_open():
    sections = menu(reverse("projects:board"))
    assert [bool(s["active"]) for s in sections] == [False, True, False, False, False]
