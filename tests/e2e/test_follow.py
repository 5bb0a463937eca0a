"""Following and notifications in a browser (issue 19): follow an organisation by keyboard (htmx
swaps the button, keeps the focus and says so in its live region), find it on the page of what
one follows, change a notification setting; axe finds nothing on the three pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MEMBER_EMAIL
from tests.e2e.test_accessibility import assert_no_axe_violations
from tests.e2e.test_knowledge import tab_until

KIND = "e2e.news"


@pytest.fixture
def kind():
    from samspill.core import registry

    registry.register_notification_kind(
        registry.NotificationKind(
            name=KIND, label=lambda: "Nyheter fra det du følger", group=lambda: "Nyheter"
        )
    )
    yield KIND
    registry._registry.notification_kinds.pop(KIND, None)


def test_follow_an_organisation_by_keyboard_and_change_a_setting(signed_in_page, kind):
    from samspill.core import notifications
    from samspill.core.models import Organisation, User

    page = signed_in_page
    member = User.objects.get(email=MEMBER_EMAIL)
    organisation = Organisation.objects.get(slug="brak")
    notifications.unfollow(user=member, obj=organisation)
    button_id = f"follow-button-core-organisation-{organisation.pk}"

    page.goto(organisation.get_absolute_url())
    page.keyboard.press("Tab")  # the skip link
    tab_until(page, lambda el: el["id"] == button_id, "the follow button", limit=60)
    page.keyboard.press("Enter")
    status = page.locator(f"#follow-status-core-organisation-{organisation.pk}")
    expect(status).to_contain_text("Du følger nå")
    button = page.locator(f"#{button_id}")
    expect(button).to_contain_text("Følger")
    expect(button).to_be_focused()
    assert notifications.is_following(member, organisation)
    assert_no_axe_violations(page, "an organisation page after following it")

    page.goto("/konto/profil/folger/")
    expect(page.locator("main")).to_contain_text(organisation.name)
    assert_no_axe_violations(page, "the page of what one follows")

    notifications.notify(
        kind=kind, users=[member], title="Nytt fra Brak", url=organisation.get_absolute_url()
    )
    page.goto("/konto/varsler/")
    expect(page.locator(".notification--unread")).to_contain_text("Nytt fra Brak")
    assert_no_axe_violations(page, "the notifications page")

    page.goto("/konto/varsler/innstillinger/")
    assert_no_axe_violations(page, "the notification settings")
    fieldset = page.locator("fieldset", has_text="Nyheter fra det du følger")
    fieldset.get_by_label("Ukentlig sammendrag").check()
    page.get_by_role("button", name="Lagre innstillingene").click()
    expect(page.locator(".messages")).to_contain_text("lagret")
    assert notifications.delivery_for(member, kind) == "weekly"
