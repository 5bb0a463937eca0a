"""Everyday paths that answered 500 in development mode (the N+1 detector raised), on the demo
hub whose volume shows the N+1s. The suite raises on an N+1, so each test fails if one is back."""

import re

from django.test import Client
from wagtail.models import Site

from samspill.core.models import Organisation, User
from samspill.knowledge.models import ArticlePage, TopicPage
from samspill.network import services as network_services
from samspill.network import tokens as network_tokens


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_creating_an_organisation(hub):
    response = signed_in(hub.roles["member"].user).post(
        "/nettverk/ny-organisasjon/",
        {"name": "Walk Lyd AS", "kind": "label", "country": "NO", "summary": "Plater."},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Organisation.objects.filter(name="Walk Lyd AS").exists()


def test_accepting_an_invitation(hub):
    organisation = Organisation.objects.get(slug="lydbolge")
    [invitation], _skipped = network_services.invitation_send(
        actor=hub.roles["org-admin"].user,
        organisation=organisation,
        emails=[hub.roles["member"].user.email],
    )
    url = f"/nettverk/invitasjon/{network_tokens.invitation_token(invitation)}/"
    client = signed_in(hub.roles["member"].user)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert organisation.memberships.filter(user=hub.roles["member"].user).exists()


def test_approving_a_join_request(hub):
    organisation = Organisation.objects.get(slug="lydbolge")
    join_request = network_services.join_request_create(
        actor=hub.roles["member"].user, organisation=organisation, message="Hei"
    )
    client = signed_in(hub.roles["org-admin"].user)
    assert client.get(f"/nettverk/{organisation.slug}/foresporsler/").status_code == 200
    response = client.post(
        f"/nettverk/{organisation.slug}/foresporsler/{join_request.pk}/",
        {"decision": "approve"},
    )
    assert response.status_code == 302
    assert organisation.memberships.filter(user=hub.roles["member"].user).exists()


def test_re_authenticating_to_set_up_two_factor_authentication(hub):
    client = Client()
    assert client.login(email="medlem@samspill.test", password="samspill-medlem")
    response = client.get("/konto/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    response = client.post(
        "/konto/reauthenticate/",
        {"password": "samspill-medlem", "next": "/konto/2fa/totp/activate/"},
    )
    assert response.status_code == 302
    assert client.get("/konto/2fa/totp/activate/").status_code == 200


def test_downloading_ones_data(hub):
    for role in ("member", "org-admin", "hub-admin"):
        response = signed_in(hub.roles[role].user).get("/konto/mine-data/last-ned/")
        assert response.status_code == 200, role


def test_the_admins_add_article_page(hub):
    topic = TopicPage.objects.first()
    url = f"/admin/pages/add/knowledge/articlepage/{topic.pk}/"
    assert signed_in(hub.roles["hub-admin"].user).get(url).status_code == 200
    assert signed_in(User.objects.get(email="redaktor@samspill.test")).get(url).status_code == 200


def test_site_history_and_the_municipality_list(hub):
    client = signed_in(hub.roles["hub-admin"].user)
    assert client.get("/admin/reports/site-history/").status_code == 200
    assert client.get("/admin/municipalities/").status_code == 200
    for role in ("org-editor", "org-admin"):
        client = signed_in(hub.roles[role].user)
        assert client.get("/admin/reports/site-history/").status_code == 200, role


def test_hub_settings(hub):
    site = Site.objects.get(is_default_site=True)
    response = signed_in(hub.roles["hub-admin"].user).get(
        f"/admin/settings/core/hubsettings/{site.pk}/"
    )
    assert response.status_code == 200


def test_wagtails_editing_ping_with_several_editors_on_one_page(hub):
    page = ArticlePage.objects.filter(organisation__slug="brak").first()
    for email in ("redaktor@samspill.test", "admin@samspill.test"):
        client = signed_in(User.objects.get(email=email))
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        ping = re.search(r'"(/admin/editing-sessions/ping/[^"]+)"', html).group(1)
        response = client.post(ping.replace("&amp;", "&"), {"is_editing": "1"})
        assert response.status_code == 200, email
