"""RSS and Atom feeds of a topic's changes: new and updated articles and FAQ entries."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class TopicRssFeed(Feed):
    limit = 30

    def get_object(self, request, topic):
        self.request = request
        return topic

    def title(self, topic):
        return _("%(topic)s – changes") % {"topic": topic.title}

    def link(self, topic):
        return topic.get_url(request=self.request)

    def description(self, topic):
        return topic.intro or topic.title

    def items(self, topic):
        return topic.recent_changes(self.limit)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_guid(self, item):
        return f"{item.get_full_url(request=self.request)}#{item.last_published_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class TopicAtomFeed(TopicRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description(topic)
