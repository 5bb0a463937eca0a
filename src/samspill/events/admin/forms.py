"""Forms of the events admin: the event form (organisers limited to the editor's organisations),
the series form, and the small forms of the organisers' screens. They only parse input; every save
goes through `events.services`."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samspill.core.models import Organisation
from samspill.core.permissions import editable_organisation_ids
from samspill.events.models import AgendaInputStatus, EventSeries, _time_zone_choices

DATETIME_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _time_zone_help() -> str:
    return _(
        "Entered in the admin's time zone (%(zone)s). Participants see the event's times in "
        "the event's own time zone."
    ) % {"zone": timezone.get_current_timezone_name()}


class EventAdminForm(WagtailAdminModelForm):
    """The event form of the admin. Organisers and series are limited to the organisations the
    user edits (plus those already on the event), unless the user is a hub admin."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.editable_ids = editable_organisation_ids(for_user) if for_user else None
        current = []
        if self.instance.pk:
            current = list(self.instance.organisers.values_list("pk", flat=True))
        if "organisers" in self.fields:
            field = self.fields["organisers"]
            if self.editable_ids is not None:
                field.widget = forms.CheckboxSelectMultiple()  # before the queryset: its choices
                field.queryset = Organisation.objects.filter(
                    pk__in=set(self.editable_ids) | set(current)
                ).order_by("name")
                field.help_text = _("The organisations you edit can be organisers.")
            else:
                field.queryset = Organisation.objects.order_by("name")
        if "series" in self.fields and self.editable_ids is not None:
            series_field = self.fields["series"]
            series_field.queryset = EventSeries.objects.filter(
                Q(organisation_id__in=self.editable_ids) | Q(pk=self.instance.series_id)
            )
        if "topics" in self.fields:
            self._one_box_per_topic(self.fields["topics"])
        if "time_zone" in self.fields:
            choices = _time_zone_choices()
            if self.instance.time_zone and (
                self.instance.time_zone,
                self.instance.time_zone,
            ) not in (choices):
                choices.insert(0, (self.instance.time_zone, self.instance.time_zone))
            self.fields["time_zone"].widget = forms.Select(choices=choices)
        for name in DATETIME_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                help_text = str(field.help_text or "")
                field.help_text = f"{help_text} {_time_zone_help()}".strip()

    def _one_box_per_topic(self, field):
        """Each topic once (the knowledge bank has one page per language of it): the translation
        already chosen, else the one in the event's language, else in the admin's, else in the
        hub's default language."""
        topic_model = field.queryset.model
        chosen = (
            set(self.instance.topics.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        language = (get_language() or "").split("-")[0]
        preferred = [self.instance.language, language, settings.LANGUAGE_CODE]
        best: dict = {}
        rows = topic_model.objects.values_list("pk", "translation_key", "locale__language_code")
        for pk, key, code in rows:
            rank = (
                0
                if pk in chosen
                else (1 + preferred.index(code) if code in preferred else len(preferred) + 1)
            )
            if key not in best or rank < best[key][0]:
                best[key] = (rank, pk)
        field.queryset = topic_model.objects.filter(
            pk__in=[pk for _rank, pk in best.values()]
        ).order_by("title")

    def clean_organisers(self):
        organisers = self.cleaned_data.get("organisers")
        if (
            self.editable_ids is not None
            and organisers is not None
            and not any(o.pk in self.editable_ids for o in organisers)
        ):
            raise forms.ValidationError(
                _("Keep at least one of your own organisations among the organisers.")
            )
        return organisers


class EventSeriesAdminForm(WagtailAdminModelForm):
    class Meta:
        model = EventSeries
        fields = ["title", "slug", "organisation", "summary"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        ids = editable_organisation_ids(for_user) if for_user else None
        if ids is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids).order_by(
                "name"
            )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Each person also gets the link to their own registration."),
    )
    to_waitlist = forms.BooleanField(
        label=_("Also send it to the people on the waiting list"), required=False
    )


class AgendaInputStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgendaInputStatus.choices)
    note = forms.CharField(
        label=_("Note to the participant"),
        max_length=300,
        required=False,
        help_text=_("Optional, at most 300 characters."),
    )
