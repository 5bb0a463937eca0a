"""One Wagtail permission policy for everything an organisation owns.

Hub admins may do everything (or the `hub_actions`); anyone else may do the `actions` to the
objects whose organisation field(s) name an organisation they edit (`editable_organisation_ids`:
its admins and editors; `organisation_ids` picks another circle, such as admins only). The scope
is one query (`scope`), the check of one object reads the object's own ids (no query) unless a
predicate from the app's `permissions.py` is given (`allowed_on`), and whether a user sees the
menu at all is `allowed` (by default: they edit some organisation).

    register_permission_policy(
        Survey, OrganisationScopedPolicy(Survey, fields=("owner",), allowed_on=can_manage_survey)
    )
"""

from collections.abc import Callable, Iterable

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from samspill.core.permissions import editable_organisation_ids, is_hub_admin

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


class OrganisationScopedPolicy(ModelPermissionPolicy):
    def __init__(
        self,
        model,
        *,
        fields: Iterable[str] = ("organisation",),
        actions: Iterable[str] = ALL_ACTIONS,
        hub_actions: Iterable[str] | None = None,
        organisation_ids: Callable = editable_organisation_ids,
        allowed: Callable | None = None,
        allowed_on: Callable | None = None,
        **kwargs,
    ):
        """`fields`: the paths from the model to an organisation ("owner", "organisers",
        "programme__secretariat"); "pk" for the organisation itself; none for a table that
        everyone the policy allows shares (the answer finder's synonyms). `actions`: what the
        organisation's people may do; `hub_actions`: what hub admins may do (None: everything).
        `allowed(user)` and `allowed_on(user, instance)` replace the checks read from the fields."""
        super().__init__(model, **kwargs)
        self.fields = tuple(fields)
        self.actions = frozenset(actions)
        self.hub_actions = None if hub_actions is None else frozenset(hub_actions)
        self.organisation_ids = organisation_ids
        self.allowed = allowed
        self.allowed_on = allowed_on

    def _hub_may(self, action: str) -> bool:
        return self.hub_actions is None or action in self.hub_actions

    def _many_valued(self) -> bool:
        """Whether a field path crosses a many-to-many or reverse relation (rows would repeat)."""
        for path in self.fields:
            meta = self.model._meta
            for name in path.split("__"):
                if name == "pk":
                    break
                field = meta.get_field(name)
                if field.many_to_many or field.one_to_many:
                    return True
                if field.related_model is None:
                    break
                meta = field.related_model._meta
        return False

    def scope(self, user, queryset=None):
        """The objects of `queryset` (all by default) that belong to the user's organisations."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        ids = self.organisation_ids(user)
        if ids is None:
            return queryset
        if not ids:
            return queryset.none()
        if not self.fields:
            return queryset
        condition = Q()
        for path in self.fields:
            condition |= Q(**{f"{path}__in": ids})
        queryset = queryset.filter(condition)
        return queryset.distinct() if self._many_valued() else queryset

    def _owns(self, user, instance) -> bool:
        ids = self.organisation_ids(user)
        if ids is None:
            return True
        if not ids:
            return False
        if not self.fields:
            return True
        if self._many_valued() or any("__" in path for path in self.fields):
            return self.scope(user).filter(pk=instance.pk).exists()
        for path in self.fields:
            attname = "pk" if path == "pk" else self.model._meta.get_field(path).attname
            if getattr(instance, attname) in ids:
                return True
        return False

    # --- Wagtail's questions ----------------------------------------------------------------------

    def user_has_permission(self, user, action):
        if is_hub_admin(user):
            return self._hub_may(action)
        if action not in self.actions:
            return False
        if self.allowed is not None:
            return bool(self.allowed(user))
        return bool(self.organisation_ids(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if is_hub_admin(user):
            return self._hub_may(action)
        if action not in self.actions:
            return False
        if self.allowed_on is not None:
            return bool(self.allowed_on(user, instance))
        return self._owns(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions) - {"add"}  # no existing object is "added"
        if is_hub_admin(user):
            if any(self._hub_may(action) for action in actions):
                return self.model._default_manager.all()
            return self.model._default_manager.none()
        if not actions & self.actions:
            return self.model._default_manager.none()
        return self.scope(user)


class HubAdminPolicy(OrganisationScopedPolicy):
    """Only hub admins, whatever Django permissions a group may carry (the shared taxonomies)."""

    def __init__(self, model, **kwargs):
        super().__init__(model, fields=(), actions=(), **kwargs)
