"""Django's permission checks (``user.has_perm``, the admin site) answered from the roles table.

``ModelBackend`` would read groups and per-user permissions; here they are not used: a role is
the only source of rights (``docs/decisions/0006``), so that the web pages, the admin and the
API cannot disagree. Authentication itself is ``ModelBackend``'s.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from counterpart.core import permissions
from counterpart.core.permissions import Action

ACTIONS = {a.value for a in Action}


def _model_action(perm: str):
    """("projects.change_project") → (Project, "change"); (None, None) if not a model's."""
    app_label, _dot, codename = perm.partition(".")
    if codename.startswith("view_personal_"):
        action, model_name = "view_personal", codename.removeprefix("view_personal_")
    else:
        action, _sep, model_name = codename.partition("_")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None, None
    return model, action


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if not user_obj.is_active:
            return False
        model, action = _model_action(perm)
        if model is None:
            return False
        if action == "view_personal":
            return not permissions.masked_fields(user_obj, model)
        if action not in ACTIONS:
            return False
        return permissions.can(user_obj, action, obj if obj is not None else model)

    def has_module_perms(self, user_obj, app_label) -> bool:
        if not user_obj.is_active:
            return False
        config = apps.get_app_config(app_label)
        return any(permissions.can(user_obj, Action.VIEW, m) for m in config.get_models())

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        found = set()
        for model in apps.get_models():
            meta = model._meta
            for action in ACTIONS:
                if permissions.can(user_obj, action, model):
                    found.add(f"{meta.app_label}.{action}_{meta.model_name}")
        return found

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()
