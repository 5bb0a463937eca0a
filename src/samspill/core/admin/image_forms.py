"""The admin's image form (settings.WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's own checks of the
format (by content, not by name: settings.WAGTAILIMAGES_EXTENSIONS, no SVG), the file size and the
pixel count, plus a minimum size, and the description presented as what it is on the site: the
alt text of informative pictures (core.images)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from samspill.core import images


def validate_image_size(width: int, height: int) -> None:
    if width < images.MIN_WIDTH or height < images.MIN_HEIGHT:
        raise ValidationError(
            _(
                "The image is too small (%(width)s × %(height)s pixels): it must be at least "
                "%(min_width)s pixels wide and %(min_height)s pixels high."
            ),
            code="image_too_small",
            params={
                "width": width,
                "height": height,
                "min_width": images.MIN_WIDTH,
                "min_height": images.MIN_HEIGHT,
            },
        )


class HubImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.label = _("Description (alt text)")
            field.help_text = _(
                "What the picture shows, for people who cannot see it, in a sentence. Shown with "
                "projects' and events' pictures; leave it empty for pure decoration. A logo's "
                "alt text is its organisation's name."
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        image = getattr(file, "image", None)  # a new upload, opened by Wagtail's field
        if image is not None:
            validate_image_size(*image.get_size())
        return file
