"""A URL configuration with another address for the login (tests/core/test_reversal.py)."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("elsewhere/login/", lambda request: HttpResponse(), name="account_login")]
