"""Views that exercise the page cache on their own, beside the hub's URLs."""

from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from samspill.core.models import Organisation
from samspill.core.pagecache import cached_page
from samspill.urls import urlpatterns as hub_urlpatterns

_FORM = engines["django"].from_string(
    '{% load samspill %}{% personal "core/_account_tools.html" %}'
    '<form method="post" action="/cache-test/post">{% csrf_token %}<button>Go</button></form>'
    "<p>{{ names }}</p>"
)


@cached_page(depends=("core",), members_share=True)
def organisations(request):
    names = ", ".join(Organisation.objects.order_by("name").values_list("name", flat=True))
    return HttpResponse(_FORM.render({"names": names}, request))


@cached_page(depends=("events",))
def events_only(request):
    names = ", ".join(Organisation.objects.order_by("name").values_list("name", flat=True))
    return HttpResponse(f"<p>{names}</p>")


@cached_page()
def with_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oat")
    return response


@cached_page()
def with_message(request):
    messages.info(request, "Hello")
    return HttpResponse("message")


@cached_page()
def private(request):
    response = HttpResponse("private")
    response["Cache-Control"] = "private"
    return response


def post(request):
    return HttpResponse("posted")


urlpatterns = [
    path("cache-test/organisations", organisations),
    path("cache-test/events-only", events_only),
    path("cache-test/cookie", with_cookie),
    path("cache-test/message", with_message),
    path("cache-test/private", private),
    path("cache-test/post", post),
    *hub_urlpatterns,
]
