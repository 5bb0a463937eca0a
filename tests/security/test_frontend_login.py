"""Everyone signs in through allauth, with its second factor and rate limit: Wagtail's own
sign-in form (/_util/login/, Django's plain LoginView) is not served. Found by the production walk
of issue 16: a hub admin with TOTP signed in there with the password alone and used the admin."""

import pytest
from allauth.mfa.models import Authenticator
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_wagtails_frontend_login_does_not_bypass_two_factor_authentication(client, hub_admin):
    hub_admin.set_password("a-long-password-1")
    hub_admin.save()
    Authenticator.objects.create(user=hub_admin, type=Authenticator.Type.TOTP, data={})
    response = client.post(
        "/_util/login/",
        {"username": hub_admin.email, "password": "a-long-password-1", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert client.get("/admin/users/").status_code != 200
    assert "_auth_user_id" not in client.session


def test_a_page_that_requires_a_sign_in_sends_visitors_to_allauths_form(client, home_page):
    about = home_page.get_children().get(slug="om")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
