from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Surveys that map the field: a builder in the admin, accessible answering, live results
    with cross-tabulation and small-group suppression, and exports."""

    name = "samspill.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"
