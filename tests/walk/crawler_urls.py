"""A tiny site for tests/walk/test_crawler.py: a home page linking to a broken page, a page with
an N+1, an admin page, and a page showing a secret."""

from django.http import HttpResponse
from django.urls import path

from samspill import urls as samspill_urls
from samspill.core.models import Membership


def home(request):
    return HttpResponse(
        '<a href="/broken/">x</a> <a href="/slow/">x</a> <a href="/admin/secret/">x</a>'
        '<a href="https://elsewhere.example/">x</a> <form method="get" action="/search/">'
        '<input name="q" value="lyd"></form>'
    )


def broken(request):
    raise RuntimeError("boom")


def slow(request):
    return HttpResponse(", ".join(m.organisation.name for m in Membership.objects.all()))


def secret(request):
    return HttpResponse("<p>Hemmelig kladd</p>")


def search(request):
    return HttpResponse(f"<p>{request.GET.get('q')}</p>")


urlpatterns = [
    path("", home),
    path("broken/", broken),
    path("slow/", slow),
    path("admin/secret/", secret),
    path("search/", search),
    *samspill_urls.urlpatterns,
]
handler403 = samspill_urls.handler403
handler404 = samspill_urls.handler404
handler500 = samspill_urls.handler500
