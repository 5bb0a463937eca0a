"""A page with an N+1 on purpose, for tests/core/test_nplusone.py."""

from django.http import HttpResponse
from django.urls import path

from samspill import urls as samspill_urls
from samspill.core.models import Membership


def memberships_one_by_one(request):
    names = [membership.organisation.name for membership in Membership.objects.all()]
    return HttpResponse(", ".join(names))


urlpatterns = [path("n-plus-one/", memberships_one_by_one), *samspill_urls.urlpatterns]
handler403 = samspill_urls.handler403
handler404 = samspill_urls.handler404
handler500 = samspill_urls.handler500
