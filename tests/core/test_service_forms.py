"""The public form's POST skeleton: first view, rate limit, invalid form, service refusal, success."""

import pytest
from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory, override_settings

from samspill.core.errors import Conflict, InvalidInput
from samspill.core.forms import ServiceErrorsMixin
from samspill.core.service_forms import handle_service_form, too_many_message

pytestmark = pytest.mark.django_db


class NameForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField()


def _page(form):
    def page(problem, status):
        response = HttpResponse(f"{problem}|{sorted(form.errors)}", status=status)
        response.problem = problem
        return response

    return page


def _run(request, on_valid, **options):
    form = NameForm(request.POST if request.method == "POST" else None)
    options.setdefault("scope", "events.register")
    response = handle_service_form(request, form, on_valid, render=_page(form), **options)
    return form, response


def _never(data):
    raise AssertionError("the service must not be called")


def test_a_get_shows_the_page():
    form, response = _run(RequestFactory().get("/"), _never)
    assert response.status_code == 200 and response.problem == "" and not form.is_bound


def test_a_valid_form_calls_the_service_and_returns_its_response():
    seen = []

    def service(data):
        seen.append(data)
        return HttpResponseRedirect("/done/")

    _form, response = _run(RequestFactory().post("/", {"name": "Kari"}), service)
    assert response.status_code == 302 and seen == [{"name": "Kari"}]


def test_an_invalid_form_is_shown_again_with_the_pages_status():
    form, response = _run(RequestFactory().post("/", {}), _never, invalid_status=422)
    assert response.status_code == 422 and "name" in form.errors


def test_a_refusal_goes_on_the_form_with_its_status():
    def service(data):
        raise Conflict("Taken", field="name")

    said = []
    form, response = _run(
        RequestFactory().post("/", {"name": "Kari"}), service, on_error=said.append
    )
    assert response.status_code == 409
    assert form.errors["name"] == ["Taken"]
    assert isinstance(said[0], Conflict)


def test_a_page_may_answer_a_refusal_with_its_own_status():
    def service(data):
        raise Conflict("Taken")

    _form, response = _run(RequestFactory().post("/", {"name": "K"}), service, refused_status=200)
    assert response.status_code == 200


def test_a_refusal_without_a_field_is_for_the_whole_form():
    def service(data):
        raise InvalidInput("Closed")

    form, response = _run(RequestFactory().post("/", {"name": "Kari"}), service)
    assert response.status_code == 422 and form.non_field_errors() == ["Closed"]


@override_settings(SAMSPILL_RATE_LIMITS="events.register=1/h")
def test_the_rate_limit_comes_first():
    calls = []

    def service(data):
        calls.append(data)
        return HttpResponseRedirect("/done/")

    request = RequestFactory().post("/", {"name": "Kari"}, REMOTE_ADDR="192.0.2.7")
    assert _run(request, service)[1].status_code == 302
    form, response = _run(request, service)
    assert response.status_code == 429 and response.problem == too_many_message()
    assert len(calls) == 1 and not form.errors  # not even validated
    _form, response = _run(request, service, too_many="Slow down")
    assert response.problem == "Slow down"
    _form, response = _run(request, service, scope=None)
    assert response.status_code == 302


def test_submitted_decides_whether_the_form_is_handled():
    _form, response = _run(RequestFactory().post("/", {"name": "Kari"}), _never, submitted=False)
    assert response.status_code == 200
