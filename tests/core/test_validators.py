import pytest
from django.core.exceptions import ValidationError

from samspill.core.validators import (
    normalise_org_number,
    norwegian_check_digit,
    validate_danish_cvr,
    validate_norwegian_org_number,
    validate_org_number,
)


@pytest.mark.parametrize("number", ["123456785", "701730496", "923456783"])
def test_valid_norwegian_org_numbers_pass(number):
    validate_norwegian_org_number(number)


@pytest.mark.parametrize("number", ["123456784", "701730495"])
def test_norwegian_org_number_with_wrong_check_digit_names_the_rule(number):
    with pytest.raises(ValidationError) as error:
        validate_norwegian_org_number(number)
    assert error.value.code == "no_checksum"
    assert "modulus-11" in str(error.value.messages[0])
    assert "3, 2, 7, 6, 5, 4, 3, 2" in str(error.value.messages[0])


def test_norwegian_number_whose_remainder_is_one_can_never_be_valid():
    # Find eight digits whose weighted remainder is 1: no check digit exists for them.
    first_eight = next(
        f"{n:08d}" for n in range(10000000, 10001000) if norwegian_check_digit(f"{n:08d}") is None
    )
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_norwegian_org_number(first_eight + last)


@pytest.mark.parametrize("number", ["12345678", "1234567890", "12345678a"])
def test_norwegian_org_number_needs_nine_digits(number):
    with pytest.raises(ValidationError) as error:
        validate_norwegian_org_number(number)
    assert error.value.code == "no_length"


@pytest.mark.parametrize("number", ["13748136", "24256790", "13585628"])
def test_valid_danish_cvr_numbers_pass(number):
    validate_danish_cvr(number)


@pytest.mark.parametrize("number", ["24256791", "10000000", "35254119"])
def test_danish_cvr_with_wrong_checksum_names_the_rule(number):
    with pytest.raises(ValidationError) as error:
        validate_danish_cvr(number)
    assert error.value.code == "dk_checksum"
    assert "2, 7, 6, 5, 4, 3, 2, 1" in str(error.value.messages[0])


def test_danish_cvr_needs_eight_digits():
    with pytest.raises(ValidationError) as error:
        validate_danish_cvr("1374813")
    assert error.value.code == "dk_length"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("123 456 785", "123456785"),
        ("NO 123456785 MVA", "123456785"),
        ("123.456.785", "123456785"),
        ("DK-13748136", "13748136"),
        ("dk 13 74 81 36", "13748136"),
    ],
)
def test_normalise_strips_what_people_type_around_the_digits(typed, normalised):
    assert normalise_org_number(typed) == normalised


def test_validate_org_number_dispatches_by_country():
    validate_org_number("NO", "123456785")
    validate_org_number("DK", "13748136")
    validate_org_number("SE", "5560360793")
    validate_org_number("NO", "")
    with pytest.raises(ValidationError):
        validate_org_number("NO", "13748136")  # a Danish number is not a Norwegian one
    with pytest.raises(ValidationError):
        validate_org_number("DK", "123456785")
