"""What the knowledge bank tells people (issue 19): content published for the first time reaches
the followers of its topics and of its owner, once, in their language."""

import pytest
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Notification
from samspill.knowledge.models import TopicPage
from tests.core.factories import OrganisationFactory, UserFactory
from tests.knowledge.factories import (
    article_page,
    faq_page,
    index_page,
    publish,
    topic_page,
)

pytestmark = pytest.mark.django_db

KIND = "knowledge.new_content"


@pytest.fixture
def topic(home_page):
    return topic_page(index_page(home_page), "Konserter")


def told(user=None):
    rows = Notification.objects.filter(kind=KIND)
    return rows.filter(user=user) if user is not None else rows


def test_the_topic_target_and_the_kind_are_registered():
    assert registry.follow_target("knowledge.topic").model is TopicPage
    assert registry.notification_kind(KIND).default == "daily"


def test_live_public_topics_can_be_followed_and_others_not(topic, home_page):
    person = UserFactory()
    notifications.follow(user=person, obj=topic)
    assert notifications.is_following(person, topic)
    draft = TopicPage(title="Utkast", slug="utkast")
    index_page(home_page).add_child(instance=draft)
    draft.unpublish() if draft.live else None
    TopicPage.objects.filter(pk=draft.pk).update(live=False)
    draft.refresh_from_db()
    with pytest.raises(InvalidInput):
        notifications.follow(user=person, obj=draft)
    private = topic_page(index_page(home_page), "Lukket")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    with pytest.raises(InvalidInput):
        notifications.follow(user=person, obj=private)


def test_a_new_article_tells_the_followers_of_its_topic_and_owner_once(topic, home_page):
    owner = OrganisationFactory(name="Musikkontoret")
    other_topic = topic_page(index_page(home_page), "Skatt")
    of_topic, of_owner, of_both, of_other, author = (UserFactory() for _ in range(5))
    of_topic.preferred_language = "en"
    of_topic.save()
    notifications.follow(user=of_topic, obj=topic)
    notifications.follow(user=of_owner, obj=owner)
    notifications.follow(user=of_both, obj=topic)
    notifications.follow(user=of_both, obj=owner)
    notifications.follow(user=of_other, obj=other_topic)
    notifications.follow(user=author, obj=topic)

    with translation.override("nb"):
        page = article_page(topic, owner, title="Strøm til konserter", user=author)

    assert set(told().values_list("user_id", flat=True)) == {of_topic.pk, of_owner.pk, of_both.pk}
    assert told(of_both).count() == 1
    assert told(of_topic).get().title == "New in the knowledge bank: Strøm til konserter"
    assert told(of_owner).get().title == "Nytt i kunnskapsbanken: Strøm til konserter"
    assert "Konserter" in told(of_owner).get().text
    assert told(of_owner).get().url == page.get_url()
    # Republished (a correction): no news.
    page.summary = "Rettet."
    publish(page)
    assert told().count() == 3


def test_an_faq_entry_tells_the_followers_of_the_topic_in_another_language(topic, home_page):
    en = Locale.objects.get(language_code="en")
    publish(index_page(home_page).copy_for_translation(en).specific)
    english = publish(topic.copy_for_translation(en).specific)
    reader = UserFactory()
    notifications.follow(user=reader, obj=topic)
    faq_page(english, OrganisationFactory(), question="When do I register for VAT?")
    assert told(reader).count() == 1


def test_drafts_and_private_pages_tell_nobody(topic):
    follower = UserFactory()
    owner = OrganisationFactory()
    notifications.follow(user=follower, obj=topic)
    notifications.follow(user=follower, obj=owner)
    article_page(topic, owner, title="Et utkast", live=False)
    assert not told().exists()
    hidden = article_page(topic, owner, title="Lukket artikkel", live=False)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    publish(hidden)
    assert not told().exists()


def test_a_translation_of_published_content_is_no_news(topic, home_page):
    en = Locale.objects.get(language_code="en")
    publish(index_page(home_page).copy_for_translation(en).specific)
    publish(topic.copy_for_translation(en).specific)
    reader = UserFactory()
    notifications.follow(user=reader, obj=topic)
    page = article_page(topic, OrganisationFactory(), title="Strøm")
    assert told(reader).count() == 1
    publish(page.copy_for_translation(en).specific)
    assert told(reader).count() == 1


def test_the_topic_page_has_the_follow_button(client, topic):
    person = UserFactory()
    client.force_login(person)
    html = client.get(topic.url).content.decode()
    assert 'name="target" value="knowledge.topic"' in html
    assert 'name="action" value="follow"' in html
    notifications.follow(user=person, obj=topic)
    html = client.get(topic.url).content.decode()
    assert 'name="action" value="unfollow"' in html
