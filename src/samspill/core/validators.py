"""Organisation numbers: Norwegian (Enhetsregisteret, 9 digits) and Danish CVR (8 digits),
single-line text (subjects and names that end up in email headers), and a model instance's own
validation turned into the domain's `InvalidInput` (every app's services use it).

Both numbers end in a modulus-11 check digit. A valid checksum does not prove that the entity exists.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samspill.core.errors import InvalidInput

NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
DK_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)

_PREFIX = re.compile(r"^(NO|DK)[-\s]?", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*MVA$", re.IGNORECASE)


def normalise_org_number(value: str) -> str:
    """Strip what people type around the digits: spaces, dots, dashes, NO/DK prefix, MVA suffix."""
    value = (value or "").strip()
    value = _SUFFIX.sub("", _PREFIX.sub("", value))
    return re.sub(r"[\s.\-]", "", value)


def norwegian_check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None when the remainder makes the number impossible."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, NO_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_norwegian_org_number(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value):
        raise ValidationError(
            _("A Norwegian organisation number has exactly 9 digits."), code="no_length"
        )
    expected = norwegian_check_digit(value[:8])
    if expected is None or expected != int(value[8]):
        raise ValidationError(
            _(
                "%(value)s is not a valid Norwegian organisation number: the last digit must be "
                "the modulus-11 check digit of the first eight (weights 3, 2, 7, 6, 5, 4, 3, 2)."
            ),
            code="no_checksum",
            params={"value": value},
        )


def validate_danish_cvr(value: str) -> None:
    if not re.fullmatch(r"\d{8}", value):
        raise ValidationError(_("A Danish CVR number has exactly 8 digits."), code="dk_length")
    if sum(int(d) * w for d, w in zip(value, DK_WEIGHTS, strict=True)) % 11 != 0:
        raise ValidationError(
            _(
                "%(value)s is not a valid Danish CVR number: with the weights "
                "2, 7, 6, 5, 4, 3, 2, 1 the weighted sum of its digits must be divisible by 11."
            ),
            code="dk_checksum",
            params={"value": value},
        )


def validate_org_number(country: str, value: str) -> None:
    """Validate an already normalised number for the given country code (NO, DK, SE, XX)."""
    if not value:
        return
    if country == "NO":
        validate_norwegian_org_number(value)
    elif country == "DK":
        validate_danish_cvr(value)
    elif not re.fullmatch(r"[0-9A-Za-z]{4,20}", value):
        raise ValidationError(
            _("An organisation number has 4 to 20 letters or digits."), code="other_format"
        )


# C0 and C1 control characters (line breaks and tabs among them) and the Unicode line separators:
# in an email header they would start a new header or break the message.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """Text that goes into an email header (a subject, a name) is one line of printable text."""
    if _CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Write it on one line, without line breaks, tabs or other control characters."),
            code="control_characters",
        )


def validate_instance(instance) -> None:
    """`instance.full_clean()`, raising `InvalidInput` with every message (prefixed by its field's
    label) and the first field's name, as the views and the API report domain errors."""
    try:
        instance.full_clean()
    except ValidationError as error:
        fields = list(error.message_dict)
        parts = []
        for name, messages in error.message_dict.items():
            try:
                label = capfirst(instance._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = ""
            parts.append(f"{label}: {' '.join(messages)}" if label else " ".join(messages))
        field = fields[0] if fields and fields[0] != NON_FIELD_ERRORS else None
        raise InvalidInput("; ".join(parts), field=field) from error
