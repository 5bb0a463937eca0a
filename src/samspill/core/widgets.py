"""Form widgets that render without the template engine.

Django renders a select's every option through a template of its own: a filter form with a few
hundred options then costs more than the database work of the page it sits on. These widgets
build the same HTML (the attributes, `selected`, option groups) in Python, escaped as the
templates would."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _options(optgroups) -> str:
    parts = []
    for group_name, options, _index in optgroups:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for option in options
            ),
        )
        if group_name:
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered))
        else:
            parts.append(rendered)
    return mark_safe("".join(parts))


class DirectSelect(forms.Select):
    """A `Select` rendered in Python: the same markup, a fraction of the time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attributes = dict(widget["attrs"])
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(attributes),
            _options(widget["optgroups"]),
        )
