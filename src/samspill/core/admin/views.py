"""The admin screens' shared views and helpers: a screen shows only what the user may work on.

- `ScopedObjectMixin` (edit, delete): the object comes from the permission policy's scope, so
  another organisation's object is a 404, not a 403 that confirms it exists.
- `ScopedHistoryView`, `ScopedUsageView`: an object's history and usage, on the same terms.
- `InstancePermissionMixin`: a 403 for an object the user sees but may not change.
- `ServiceErrorMixin`: a domain error from the service becomes a form error.
- `ViewOnSiteMixin`: the edit screen's "View on the site" button, where the object has a public page.
- `admin_url_for(namespace)`, `object_or_404`: an app's own admin screens (`core.redirects.local_url` checks a `next`).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import history, usage
from wagtail.admin.widgets.button import Button

from samspill.core.errors import SamspillError


class ScopedObjectMixin:
    """Edit and delete find only the objects the user may `scope_action` (others get a 404)."""

    scope_action = "change"

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, [self.scope_action]
        )


class ScopedDeleteMixin(ScopedObjectMixin):
    scope_action = "delete"


class _ScopedObjectView:
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class ScopedHistoryView(_ScopedObjectView, history.HistoryView):
    """An object's audit history, for those who may change that object (others get a 404)."""


class ScopedUsageView(_ScopedObjectView, usage.UsageView):
    """Where an object is used, for those who may change that object (others get a 404)."""


class InstancePermissionMixin:
    """Check the instance-level permission for the object an edit or delete view works on."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, obj
        ):
            raise PermissionDenied
        return obj


class ServiceErrorMixin:
    """Show a domain error from a service as a form error instead of a server error.

    Wagtail's `form_invalid` reads the message that `is_valid` sets when a form fails; a form that
    passed validation has none, so it is set here."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SamspillError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ViewOnSiteMixin:
    """Adds "View on the site" to an edit screen's more-menu, for `public_url()` (default: the
    object's `get_absolute_url`; None: the object has no public page now)."""

    def public_url(self) -> str | None:
        return self.object.get_absolute_url()

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        url = self.public_url()
        if url:
            buttons.append(Button(_("View on the site"), url=url, icon_name="view", priority=3))
        return buttons


def admin_url_for(namespace: str):
    """`admin_url(name, *args)` for the URLs of one app's own admin screens."""

    def admin_url(name: str, *args) -> str:
        return reverse(f"{namespace}:{name}", args=args)

    return admin_url


def object_or_404(queryset, pk, allowed):
    """The object `pk` of `queryset` if `allowed(object)`; otherwise it does not exist for the
    user (a 404: the admin does not confirm another organisation's objects)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None or not allowed(obj):
        raise Http404
    return obj
