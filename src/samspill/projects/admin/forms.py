"""Forms of the projects admin. They only parse input and limit the choices to what the editor may
use; every save goes through `projects.services`.

Who may use what (`usable_programmes`, `lead_organisation_choices`): hub admins everything; the
editors of a programme's secretariat run that programme (and may name any lead organisation for
its projects); the editors of an organisation lead projects under any published programme.
"""

from types import MethodType

from django import forms
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samspill.core.models import Organisation
from samspill.core.permissions import editable_organisation_ids
from samspill.projects.models import EventInput, PartnerOrganisation, Programme, Theme
from samspill.projects.permissions import moderated_programmes


def usable_programmes(user, current_id=None):
    """The programmes a project of the user may belong to: those they run and the published ones
    (plus the one the project already has)."""
    ids = editable_organisation_ids(user)
    if ids is None:
        return Programme.objects.all()
    condition = Q(secretariat_id__in=ids) | Q(is_published=True)
    if current_id:
        condition |= Q(pk=current_id)
    return Programme.objects.filter(condition)


def lead_organisation_choices(user, current_id=None):
    ids = editable_organisation_ids(user)
    if ids is None or moderated_programmes(user).exists():
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(Q(pk__in=ids) | Q(pk=current_id)).order_by("name")


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name}: {obj.label}"


def _theme_slug(form) -> str:
    """An empty theme slug is made from the theme's name before the formset checks that the
    programme's slugs are unique."""
    value = form.cleaned_data.get("slug")
    if value:
        return value
    name = form.cleaned_data.get("name_en") or form.cleaned_data.get("name_nb") or ""
    return slugify(name)[:60]


class ProgrammeAdminForm(WagtailAdminModelForm):
    """The programme with its themes. A theme's slug may be left empty: the service makes it."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        themes = self.formsets.get("themes") if hasattr(self, "formsets") else None
        if themes is not None:
            for form in [*themes.forms, themes.empty_form]:
                if "slug" in form.fields:
                    form.fields["slug"].required = False
                    form.fields["slug"].help_text = _("Leave empty to make one from the name.")
                    form.clean_slug = MethodType(_theme_slug, form)
        if "secretariat" in self.fields:
            self.fields["secretariat"].queryset = Organisation.objects.order_by("name")


class ProjectAdminForm(WagtailAdminModelForm):
    """The project form: programmes, themes and lead organisations limited to those the editor may
    use, and a check that the editor still edits the project they save."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.editable_ids = editable_organisation_ids(for_user) if for_user else None
        instance = self.instance
        programme_id = instance.programme_id if instance.pk else None
        programmes = (
            usable_programmes(for_user, programme_id) if for_user else Programme.objects.all()
        )
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave empty to make one from the title.")
        if "programme" in self.fields:
            self.fields["programme"].queryset = programmes.order_by("name")
        if "themes" in self.fields:
            old = self.fields["themes"]
            self.fields["themes"] = ThemeChoiceField(
                queryset=Theme.objects.filter(programme__in=programmes)
                .select_related("programme")
                .order_by("programme__name", "sort_order", "pk"),
                widget=forms.CheckboxSelectMultiple,
                required=True,
                label=old.label,
                help_text=_("Choose one or more themes of the project's programme."),
            )
        if "lead_organisation" in self.fields:
            self.fields["lead_organisation"].queryset = (
                lead_organisation_choices(
                    for_user, instance.lead_organisation_id if instance.pk else None
                )
                if for_user
                else Organisation.objects.order_by("name")
            )
        if "partners" in self.fields:
            # The field holds PartnerOrganisation (see the model): plain Organisations given to
            # modelcluster are taken for primary keys (TypeError).
            self.fields["partners"].queryset = PartnerOrganisation.objects.order_by("name")
        if events := self.fields.get("related_events"):
            events.queryset = events.queryset.order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        lead = cleaned.get("lead_organisation")
        foreign_lead = (
            self.editable_ids is not None
            and programme is not None
            and lead is not None
            and lead.pk not in self.editable_ids
            and programme.secretariat_id not in self.editable_ids
        )
        if foreign_lead:
            self.add_error(
                "lead_organisation",
                _(
                    "Choose an organisation you edit as the lead, or a programme whose "
                    "secretariat you belong to."
                ),
            )
        themes = cleaned.get("themes")
        if programme is not None and themes and any(t.programme_id != programme.pk for t in themes):
            self.add_error("themes", _("Choose themes of the project's own programme."))
        return cleaned


class EventInputAdminForm(WagtailAdminModelForm):
    class Meta:
        model = EventInput
        fields = ["programme", "event", "survey", "note"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "programme" in self.fields and for_user is not None:
            self.fields["programme"].queryset = moderated_programmes(for_user).order_by("name")
        if event := self.fields.get("event"):
            event.queryset = event.queryset.filter(
                kind__in=["workshop", "network_meeting"]
            ).order_by("-starts_at")
