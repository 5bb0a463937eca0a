"""The builder's panels: the survey's facts, how it is answered, and its ordered questions (an
inline panel; edits that would orphan answers are refused by `forms.SurveyAdminForm`)."""

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

from samspill.surveys.admin.forms import SurveyAdminForm

QUESTION_PANELS = [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
    FieldPanel("text"),
    FieldPanel("help_text", widget=forms.Textarea(attrs={"rows": 2})),
    FieldPanel("options", widget=forms.Textarea(attrs={"rows": 4})),
    FieldPanel("allow_other"),
    FieldRowPanel([FieldPanel("scale_max"), FieldPanel("low_label"), FieldPanel("high_label")]),
    FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
    FieldPanel("municipality_country"),
    FieldRowPanel([FieldPanel("show_if_question"), FieldPanel("show_if_value")]),
]

SURVEY_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("slug"),
                        FieldPanel("introduction"),
                        FieldPanel("owner"),
                        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("language"),
                    ],
                    heading=_("Survey"),
                ),
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                        FieldPanel("mode"),
                        FieldPanel("one_response"),
                        FieldPanel("results_public"),
                        FieldPanel("is_published"),
                    ],
                    heading=_("Answering"),
                ),
            ],
            heading=_("Survey"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "questions",
                    panels=QUESTION_PANELS,
                    heading=_("Questions"),
                    label=_("Question"),
                    help_text=_(
                        "In the order respondents see them. A “section break” starts a new page "
                        "with its own title and introduction. A question, option or scale that "
                        "has answers cannot be removed."
                    ),
                ),
            ],
            heading=_("Questions"),
        ),
    ],
    base_form_class=SurveyAdminForm,
)
