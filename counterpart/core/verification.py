"""Verifying figures from the web pages: one row from its page, many from its list
(``docs/decisions/0009``).

Who may verify is asked of ``core.permissions`` (``Action.VERIFY``: administrators and
department staff); out of read scope is 404, in it but not allowed 403. Both views answer POST
only (CSRF-checked like every form) and write through ``Verifiable.verify()``/``unverify()``,
so that each row changed leaves a change record with the user (the request's change context).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from .models import Verifiable
from .permissions import Action, can, restrict
from .views import list_url, object_url, safe_return_url, viewname

__all__ = ["BulkVerifyView", "VerifyView", "verification_context", "verify_urls"]

VERIFY, UNVERIFY = "verify", "unverify"


def is_verifiable(model) -> bool:
    return isinstance(model, type) and issubclass(model, Verifiable)


def verification_context(user, model, obj=None) -> dict | None:
    """What the list and detail templates need to show verification: None for a model whose
    rows carry no verified figures."""
    if not is_verifiable(model):
        return None
    may = can(user, Action.VERIFY, obj if obj is not None else model)
    context = {"may": may}
    if obj is not None:
        context["url"] = reverse(viewname(model, "verify"), kwargs={"pk": obj.pk})
    else:
        context["bulk_url"] = reverse(viewname(model, "bulk_verify"))
    return context


class VerifyView(View):
    """POST ``action=verify`` (or ``unverify``) on one row. With ``_version`` (the detail page
    sends the version it showed), a row changed since is not verified: its figures must be
    seen again."""

    queryset: models.QuerySet | None = None
    http_method_names = ["post"]

    def post(self, request, pk):
        obj = get_object_or_404(restrict(self.queryset, request.user, Action.VIEW), pk=pk)
        if not can(request.user, Action.VERIFY, obj):
            raise PermissionDenied
        back = safe_return_url(request, None) or object_url(obj) or "/"
        read = request.POST.get("_version", "")
        if read and read != str(obj.version):
            # Changed since the page was opened: the figures verified would not be those seen.
            messages.error(
                request,
                _(
                    "“%(object)s” was changed since you opened it; check its figures again "
                    "before verifying them."
                )
                % {"object": obj},
            )
            return HttpResponseRedirect(back)
        action = request.POST.get("action", VERIFY)
        if action not in (VERIFY, UNVERIFY):
            messages.error(request, _("Say whether to verify the figures or withdraw that."))
        elif action == VERIFY:
            with transaction.atomic():
                changed = obj.verify(request.user)
            if changed:
                messages.success(
                    request, _("The figures of “%(object)s” are verified.") % {"object": obj}
                )
            else:
                messages.info(
                    request,
                    _("The figures of “%(object)s” were already verified.") % {"object": obj},
                )
        else:
            with transaction.atomic():
                changed = obj.unverify(request.user)
            if changed:
                messages.success(
                    request,
                    _(
                        "The figures of “%(object)s” are no longer verified: "
                        "official reports leave them out."
                    )
                    % {"object": obj},
                )
            else:
                messages.info(
                    request, _("The figures of “%(object)s” were not verified.") % {"object": obj}
                )
        return HttpResponseRedirect(back)


class BulkVerifyView(View):
    """POST the ids of the selected rows (``pk``, repeated) with ``action=verify``: every one
    the user may verify is verified in one transaction; the others are counted as skipped."""

    queryset: models.QuerySet | None = None
    http_method_names = ["post"]

    def post(self, request):
        model = self.queryset.model
        if not can(request.user, Action.VERIFY, model):
            raise PermissionDenied
        back = safe_return_url(request, None) or list_url(model) or "/"
        ids = [value for value in request.POST.getlist("pk") if value.isdigit()]
        if not ids:
            messages.error(request, _("Select the rows to verify first."))
            return HttpResponseRedirect(back)
        if request.POST.get("action", VERIFY) != VERIFY:
            messages.error(
                request,
                _(
                    "Many rows can only be verified at once; "
                    "withdraw a verification on the row's page."
                ),
            )
            return HttpResponseRedirect(back)
        allowed = restrict(
            restrict(self.queryset.filter(pk__in=ids), request.user, Action.VIEW),
            request.user,
            Action.VERIFY,
        )
        verified = 0
        with transaction.atomic():
            rows = list(allowed.select_for_update().order_by("pk"))
            for row in rows:
                verified += bool(row.verify(request.user))
        already = len(rows) - verified
        skipped = len(set(ids)) - len(rows)
        text = ngettext("%(count)d row verified.", "%(count)d rows verified.", verified) % {
            "count": verified
        }
        if already:
            text += " " + ngettext(
                "%(count)d was already verified.", "%(count)d were already verified.", already
            ) % {"count": already}
        if skipped:
            text += " " + ngettext(
                "%(count)d could not be verified by you and was left as it was.",
                "%(count)d could not be verified by you and were left as they were.",
                skipped,
            ) % {"count": skipped}
        (messages.success if verified and not skipped else messages.warning)(request, text)
        return HttpResponseRedirect(back)


def verify_urls(prefix: str, model, queryset: models.QuerySet | None = None) -> list:
    """``<model>_verify`` (/prefix/7/verify/) and ``<model>_bulk_verify`` (/prefix/verify/)."""
    name = model._meta.model_name
    queryset = queryset if queryset is not None else model.objects.all()
    return [
        path(
            f"{prefix}/verify/",
            BulkVerifyView.as_view(queryset=queryset),
            name=f"{name}_bulk_verify",
        ),
        path(
            f"{prefix}/<int:pk>/verify/",
            VerifyView.as_view(queryset=queryset),
            name=f"{name}_verify",
        ),
    ]
