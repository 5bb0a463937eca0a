"""The public form's POST, written once: rate limit, validate, call the service, put its domain
errors back on the form, then redirect or render the page again.

    def join(request, slug):
        organisation = ...
        form = JoinRequestForm(request.POST if request.method == "POST" else None)

        def joined(data):
            services.join_request_create(actor=request.user, organisation=organisation, ...)
            messages.success(request, _("Your request is sent."))
            return redirect("network:join", slug=organisation.slug)

        def page(problem, status):
            return render(request, "network/join/join.html", {..., "problem": problem}, status=status)

        return handle_service_form(
            request, form, joined, render=page, scope="network.join", invalid_status=422
        )

The page is rendered with `problem` (a message for the whole page, shown by the error summary) and
a status: 200 for the first GET, 429 when the rate limit is spent, `invalid_status` for a form that
does not validate (some pages answer 422, older ones 200), and the error's own status when the
service refuses (`SamspillError.status`). A service that succeeds returns the response (usually a
redirect, after adding its message).
"""

from collections.abc import Callable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from samspill.core.errors import SamspillError
from samspill.core.ratelimit import allow_request


def too_many_message() -> str:
    return _("You have done this too many times in a short time. Wait a while and try again.")


def handle_service_form(
    request,
    form,
    on_valid: Callable[[dict], HttpResponse],
    *,
    render: Callable[[str, int], HttpResponse],
    scope: str | None,
    too_many: str | None = None,
    invalid_status: int = 200,
    refused_status: int | None = None,
    submitted: bool | None = None,
    on_error: Callable[[SamspillError], None] | None = None,
) -> HttpResponse:
    """Handle `form` on a page: `render(problem, status)` shows it, `on_valid(cleaned_data)` calls
    the service and returns the response for success.

    `scope`: the rate limit counted for each submission (None: none). `too_many`: the page's
    message when the limit is spent. `refused_status`: the status when the service refuses (default:
    the error's own). `submitted`: whether this request submits the form (default:
    a POST). `on_error(error)`: more to say after the error is put on the form."""
    if submitted is None:
        submitted = request.method == "POST"
    if not submitted:
        return render("", 200)
    if scope is not None and not allow_request(request, scope):
        return render(too_many or too_many_message(), 429)
    if not form.is_valid():
        return render("", invalid_status)
    try:
        return on_valid(form.cleaned_data)
    except SamspillError as error:
        form.add_service_error(error)
        if on_error is not None:
            on_error(error)
        return render("", error.status if refused_status is None else refused_status)
