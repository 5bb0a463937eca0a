"""RSS and Atom feeds of the news list, per filter (the list's query string applies)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class NewsRssFeed(Feed):
    limit = 30

    def get_object(self, request, index, news, filtered):
        self.request = request
        self.news = news
        self.filtered = filtered
        return index

    def title(self, index):
        if self.filtered:
            return _("%(title)s (filtered)") % {"title": index.title}
        return index.title

    def link(self, index):
        return index.get_full_url(request=self.request)

    def description(self, index):
        return index.lead or index.title

    def items(self, index):
        return list(self.news[: self.limit])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_guid(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [item.category.label] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
