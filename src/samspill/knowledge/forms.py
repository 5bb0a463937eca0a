"""The admin form for knowledge pages: an editor may only pick an organisation they edit for."""

from wagtail.admin.forms import WagtailAdminPageForm

from samspill.core.models import Organisation
from samspill.core.permissions import editable_organisation_ids


class KnowledgePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("organisation")
        if field is None or user is None or user.is_superuser:
            return
        allowed = Organisation.objects.filter(pk__in=editable_organisation_ids(user))
        if self.instance.organisation_id:
            allowed = allowed | Organisation.objects.filter(pk=self.instance.organisation_id)
        field.queryset = allowed.distinct().order_by("name")
        if not self.instance.organisation_id and field.queryset.count() == 1:
            field.initial = field.queryset.first().pk
