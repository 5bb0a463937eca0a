from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Holds `samspill demo` and its builders; no models."""

    name = "samspill.demo"
    label = "demo"
    verbose_name = "Demo hub"
