"""The event's edit form in the admin: its tabs and panels (basics, time and place, registration)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.rich_text import DraftailRichTextArea

from samspill.events.admin.forms import EventAdminForm

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]

EVENT_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("slug"),
                        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                        FieldPanel("is_published"),
                        FieldPanel("series"),
                        FieldPanel("summary"),
                        FieldPanel(
                            "description", widget=DraftailRichTextArea(features=RICH_TEXT_FEATURES)
                        ),
                        FieldPanel("image"),
                    ],
                    heading=_("Basics"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("organisers"),
                        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("language"),
                    ],
                    heading=_("Organisers and audience"),
                ),
            ],
            heading=_("Event"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                        FieldPanel("time_zone"),
                    ],
                    heading=_("Time"),
                ),
                InlinePanel(
                    "sessions",
                    panels=[
                        FieldPanel("title"),
                        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    ],
                    heading=_("Sessions"),
                    label=_("Session"),
                    help_text=_(
                        "For courses and events over several days. Registration is for the "
                        "whole event."
                    ),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("attendance_mode"),
                        FieldPanel("venue_name"),
                        FieldPanel("street_address"),
                        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                        FieldPanel("municipality"),
                        FieldRowPanel([FieldPanel("online_url"), FieldPanel("online_platform")]),
                    ],
                    heading=_("Place"),
                ),
            ],
            heading=_("Time and place"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("registration_required"),
                        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                        FieldRowPanel(
                            [
                                FieldPanel("registration_opens_at"),
                                FieldPanel("registration_closes_at"),
                            ]
                        ),
                        FieldPanel("guests_must_confirm"),
                        FieldPanel("consent_text"),
                        FieldPanel("agenda_input"),
                    ],
                    heading=_("Registration"),
                ),
                InlinePanel(
                    "questions",
                    panels=[
                        FieldPanel("label"),
                        FieldPanel("kind"),
                        FieldPanel("choices"),
                        FieldPanel("help_text"),
                        FieldPanel("required"),
                    ],
                    heading=_("Registration questions"),
                    label=_("Question"),
                ),
            ],
            heading=_("Registration"),
        ),
    ],
    base_form_class=EventAdminForm,
)
