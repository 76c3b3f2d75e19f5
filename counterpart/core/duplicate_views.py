"""Generic "likely duplicates" pages: a review list of candidate pairs side by side, a merge
confirmation that shows what will move (a dry run of ``core.merge.merge``), and "not duplicates".

An app subclasses the three views with its model, the queryset the comparison shows, the fields
compared and its candidate finder, and wires them with ``duplicate_urls()``: for model
``organization`` of app ``organizations`` the names are ``organizations:organization_duplicates``
(the list), ``organizations:organization_merge`` and ``organizations:organization_not_duplicates``.

Merging needs the right to change and delete the objects (``core.permissions``); "not duplicates"
the right to change both.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .duplicates import Candidate, mark_not_duplicates
from .merge import MergeRefused, merge, related_counts
from .permissions import Action, can, restrict
from .views import (
    display_value,
    home_crumb,
    list_url,
    model_crumb,
    object_url,
    prepare_form,
    safe_return_url,
)

__all__ = [
    "DuplicateListView",
    "MergeView",
    "NotDuplicateView",
    "duplicate_urls",
]


def duplicate_urls(prefix: str, model, *, list, merge, not_duplicates):
    """The three paths under ``prefix``: /<prefix>/duplicates/, …/merge/, …/not-duplicates/."""
    name = model._meta.model_name
    return [
        path(f"{prefix}/duplicates/", list.as_view(), name=f"{name}_duplicates"),
        path(f"{prefix}/duplicates/merge/", merge.as_view(), name=f"{name}_merge"),
        path(
            f"{prefix}/duplicates/not-duplicates/",
            not_duplicates.as_view(),
            name=f"{name}_not_duplicates",
        ),
    ]


def _url(model, action: str) -> str | None:
    meta = model._meta
    try:
        return reverse(f"{meta.app_label}:{meta.model_name}_{action}")
    except NoReverseMatch:
        return None


def _templates(model, kind: str) -> list[str]:
    meta = model._meta
    return [f"{meta.app_label}/{meta.model_name}_{kind}.html", f"generic/{kind}.html"]


def can_merge(user, model_or_obj) -> bool:
    """Merging changes the survivor and deletes the duplicates: the user needs both rights."""
    return can(user, Action.CHANGE, model_or_obj) and can(user, Action.DELETE, model_or_obj)


def duplicates_title(model) -> str:
    return _("Likely duplicate %(models)s") % {"models": model._meta.verbose_name_plural}


class DuplicateFilterForm(forms.Form):
    min_score = forms.IntegerField(
        label=gettext_lazy("lowest score"),
        min_value=0,
        max_value=100,
        required=False,
    )


# ---------------------------------------------------------------------------- the review list


class DuplicateListView(View):
    """Candidate pairs, best first, each side by side with its reasons, score, the fields that
    differ highlighted and the number of related rows each has."""

    queryset: models.QuerySet | None = None
    compare_fields: tuple[str, ...] = ()
    money_fields: tuple[str, ...] = ()
    default_min_score = 80
    per_page = 20

    @property
    def model(self):
        return self.queryset.model

    def find(self, min_score: int) -> list[Candidate]:
        """The app's candidate pairs scoring at least ``min_score``: each subclass gives its
        finder (``organizations/duplicates.py``, ``projects/duplicates.py``)."""
        raise NotImplementedError

    def extra_rows(self, obj) -> list[tuple[str, object, object]]:
        """More rows of the comparison: (label, HTML, value compared)."""
        return []

    def get(self, request):
        model = self.model
        form = DuplicateFilterForm(request.GET or None)
        prepare_form(form)
        min_score = self.default_min_score
        if form.is_bound and form.is_valid() and form.cleaned_data["min_score"] is not None:
            min_score = form.cleaned_data["min_score"]
        elif not form.is_bound:
            form = prepare_form(DuplicateFilterForm(initial={"min_score": min_score}))
        candidates = self.find(min_score) if not form.errors else []
        page = Paginator(candidates, self.per_page).get_page(request.GET.get("page"))
        ids = {pk for c in page for pk in (c.low_id, c.high_id)}
        objects = restrict(self.queryset, request.user).in_bulk(ids)
        counts = related_counts(objects.values())
        pairs = [
            self.pair(c, objects[c.low_id], objects[c.high_id], counts)
            for c in page
            if c.low_id in objects and c.high_id in objects
        ]
        title = duplicates_title(model)
        context = {
            "model": model,
            "meta": model._meta,
            "title": capfirst(title),
            "form": form,
            "page_obj": page,
            "page_range": list(
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "ellipsis": Paginator.ELLIPSIS,
            "pairs": pairs,
            "total": len(candidates),
            "min_score": min_score,
            "can_merge": can_merge(request.user, model),
            "can_dismiss": can(request.user, Action.CHANGE, model),
            "merge_url": _url(model, "merge"),
            "not_duplicates_url": _url(model, "not_duplicates"),
            "return_url": request.get_full_path(),
            "breadcrumbs": [home_crumb(), model_crumb(model), (capfirst(title), None)],
        }
        return render(request, _templates(model, "duplicates"), context)

    def pair(self, candidate: Candidate, a, b, counts) -> dict:
        """One pair: the side with more related rows first (the likely one to keep)."""
        total_a, total_b = sum(counts[a.pk].values()), sum(counts[b.pk].values())
        left, right = (b, a) if total_b > total_a else (a, b)
        rows = []
        for name in self.compare_fields:
            field = self.model._meta.get_field(name)
            money = name in self.money_fields
            rows.append(
                {
                    "name": name,
                    "label": capfirst(field.verbose_name),
                    "left": display_value(left, name, money),
                    "right": display_value(right, name, money),
                    "differs": _compared(left, name) != _compared(right, name),
                }
            )
        for (label, left_html, left_value), (_l, right_html, right_value) in zip(
            self.extra_rows(left), self.extra_rows(right), strict=True
        ):
            rows.append(
                {
                    "name": str(label),
                    "label": label,
                    "left": left_html,
                    "right": right_html,
                    "differs": left_value != right_value,
                }
            )
        labels = [label for label in counts[left.pk] if counts[left.pk][label]]
        labels += [
            label for label in counts[right.pk] if counts[right.pk][label] and label not in labels
        ]
        return {
            "candidate": candidate,
            "left": left,
            "right": right,
            "sides": [(left, right), (right, left)],
            "left_url": object_url(left),
            "right_url": object_url(right),
            "rows": rows,
            "counts": [
                (label, counts[left.pk].get(label, 0), counts[right.pk].get(label, 0))
                for label in labels
            ],
        }


def _compared(obj, name: str):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return sorted(item.pk for item in getattr(obj, name).all())
    return getattr(obj, field.attname)


def joined(items) -> object:
    """Names as HTML, "、" between them, "—" for none."""
    items = list(items)
    if not items:
        return "—"
    return format_html_join("、", "{}", ((str(i),) for i in items))


# ---------------------------------------------------------------------------- merge


class MergeView(View):
    """GET or POST without ``confirm``: what merging ``duplicate`` into ``survivor`` will do
    (a dry run). POST with ``confirm``: the merge, then the survivor's page."""

    queryset: models.QuerySet | None = None

    @property
    def model(self):
        return self.queryset.model

    def check_permission(self, request) -> None:
        if not can_merge(request.user, self.model):
            raise PermissionDenied

    def objects(self, request):
        data = request.POST if request.method == "POST" else request.GET
        try:
            survivor_id = int(data.get("survivor", ""))
            duplicate_ids = [int(v) for v in data.getlist("duplicate")]
        except ValueError:
            raise Http404 from None
        found = restrict(self.queryset, request.user).in_bulk([survivor_id, *duplicate_ids])
        if (
            survivor_id not in found
            or not duplicate_ids
            or any(pk not in found for pk in duplicate_ids)
        ):
            raise Http404
        if not all(can_merge(request.user, obj) for obj in found.values()):
            raise PermissionDenied
        return found[survivor_id], [found[pk] for pk in duplicate_ids]

    def get(self, request):
        self.check_permission(request)
        survivor, duplicates = self.objects(request)
        return self.render_preview(request, survivor, duplicates)

    def post(self, request):
        self.check_permission(request)
        survivor, duplicates = self.objects(request)
        if not request.POST.get("confirm"):
            return self.render_preview(request, survivor, duplicates)
        names = "、".join(str(d) for d in duplicates)
        try:
            result = merge(survivor, duplicates, user=request.user)
        except MergeRefused as refusal:
            messages.error(request, refusal.message)
            return self.render_preview(request, survivor, duplicates, status=409)
        messages.success(
            request,
            _("Merged “%(duplicates)s” into “%(survivor)s”: %(count)d related rows moved.")
            % {"duplicates": names, "survivor": survivor, "count": result.total_moved},
        )
        return HttpResponseRedirect(object_url(survivor) or list_url(self.model) or "/")

    def render_preview(self, request, survivor, duplicates, status=200):
        model = self.model
        try:
            plan = merge(survivor, duplicates, user=request.user, dry_run=True)
            refused = None
        except MergeRefused as refusal:
            plan, refused = None, refusal.message
        counts = related_counts([survivor, *duplicates])
        list_title = capfirst(duplicates_title(model))
        return_url = safe_return_url(request, None) or ""
        context = {
            "model": model,
            "meta": model._meta,
            "title": _("Merge into “%(object)s”") % {"object": survivor},
            "survivor": survivor,
            "duplicates": [
                {"object": d, "url": object_url(d), "total": sum(counts[d.pk].values())}
                for d in duplicates
            ],
            "survivor_url": object_url(survivor),
            "survivor_total": sum(counts[survivor.pk].values()),
            "plan": plan,
            "refused": refused,
            "swap": len(duplicates) == 1,
            "return_url": return_url,
            "cancel_url": return_url or _url(model, "duplicates") or list_url(model),
            "breadcrumbs": [
                home_crumb(),
                model_crumb(model),
                (list_title, _url(model, "duplicates")),
                (_("Merge"), None),
            ],
        }
        return render(request, _templates(model, "merge"), context, status=status)


# ---------------------------------------------------------------------------- not duplicates


class NotDuplicateView(View):
    """Remember that two objects are different: the pair no longer shows in the review list."""

    queryset: models.QuerySet | None = None

    @property
    def model(self):
        return self.queryset.model

    def post(self, request):
        model = self.model
        if not can(request.user, Action.CHANGE, model):
            raise PermissionDenied
        try:
            ids = [int(v) for v in request.POST.getlist("object")]
        except ValueError:
            raise Http404 from None
        found = restrict(self.queryset, request.user).in_bulk(ids)
        if len(set(ids)) != 2 or len(found) != 2:
            raise Http404
        if not all(can(request.user, Action.CHANGE, obj) for obj in found.values()):
            raise PermissionDenied
        a, b = found.values()
        mark_not_duplicates(a, b, user=request.user)
        messages.success(
            request,
            _("“%(a)s” and “%(b)s” are marked as not duplicates; the pair is no longer proposed.")
            % {"a": a, "b": b},
        )
        return HttpResponseRedirect(safe_return_url(request, None) or _url(model, "duplicates"))
