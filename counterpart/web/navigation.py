"""The navbar: sections and their pages, by URL name.

A page whose URL name does not resolve yet (the pipeline board and supervision arrive later)
is shown greyed out, so adding the page is enough to make its menu entry live. A page the user
may not use (``needs``: an action on a model, ``core.permissions.can``) is not shown.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    needs: tuple[str, str] | None = None  # ("add", "imports.ImportBatch"): shown only if allowed


MENU = (
    (
        _("Registry"),
        (
            Item(_("Regions"), "geo:region_list"),
            Item(_("Zones"), "geo:zone_list"),
            Item(_("Pairings"), "geo:pairing_list"),
            Item(_("Organisations"), "organizations:organization_list"),
            Item(_("Duplicate organisations"), "organizations:organization_duplicates"),
            Item(_("Contacts"), "organizations:contact_list"),
            Item(_("Task forces"), "projects:taskforce_list"),
        ),
    ),
    (
        _("Activity"),
        (
            Item(_("Events"), "events:event_list"),
            Item(_("Projects"), "projects:project_list"),
            Item(_("Duplicate projects"), "projects:project_duplicates"),
            Item(_("Funds in place"), "projects:fundsinplace_list"),
            Item(_("Follow-ups"), "projects:followup_list"),
            Item(_("Pipeline board"), "projects:board"),
            Item(_("Supervision"), "projects:supervision"),
            Item(_("Import"), "imports:upload", ("add", "imports.ImportBatch")),
        ),
    ),
    (
        pgettext_lazy("menu", "Press"),
        (
            Item(_("Articles"), "press:sourcedocument_list"),
            Item(_("Ingest an article"), "press:ingest", ("add", "press.SourceDocument")),
            Item(_("Reported figures"), "press:reportedfigure_list"),
            Item(_("Reconciliation"), "press:reconciliation"),
        ),
    ),
    (
        _("Reports"),
        (
            Item(_("Brief as a document"), "reports:brief"),
            Item(_("Background jobs"), "jobs:list"),
        ),
    ),
    (
        _("Audit"),
        (Item(_("Audit log"), "core:changerecord_list", ("view", "core.ChangeRecord")),),
    ),
)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def allowed(item: Item, user) -> bool:
    from counterpart.core.permissions import can

    if item.needs is None:
        return True
    action, label = item.needs
    return can(user, action, apps.get_model(label))


def menu(path: str, user=None) -> list[dict]:
    """The sections with each page's address (None: not built yet) and whether it is open;
    with a ``user``, without the pages they may not use.

    Only the page with the longest address that starts ``path`` is open: on the supervision
    page (/projects/supervision/) the project list (/projects/) is not.
    """
    urls = {item.url_name: _url(item.url_name) for _label, items in MENU for item in items}
    matching = [url for url in urls.values() if url and path.startswith(url)]
    current = max(matching, key=len, default=None)
    sections = []
    for label, items in MENU:
        entries = []
        for item in items:
            if user is not None and not allowed(item, user):
                continue
            url = urls[item.url_name]
            entries.append(
                {"label": item.label, "url": url, "active": url is not None and url == current}
            )
        if not entries:
            continue  # a section the user may use none of (the audit log, for a viewer)
        sections.append(
            {"label": label, "items": entries, "active": any(e["active"] for e in entries)}
        )
    return sections
