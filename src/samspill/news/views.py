"""Public pages of news: the list with its filters (one GET form; htmx only refreshes the results),
the archive by year and month, and the feeds per filter. They are routes of `NewsIndexPage`; a
news item's own page is the Wagtail page (`models.NewsPage`)."""

import calendar
import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.dates import MONTHS

from samspill.knowledge.sections import article_sections
from samspill.news import selectors
from samspill.news.feeds import NewsAtomFeed, NewsRssFeed
from samspill.news.forms import NewsFilterForm

NEWS_PER_PAGE = 20
RESULTS_TARGET = "news-results"


def _render_results(request, template: str, context: dict) -> HttpResponse:
    """The whole page, or only its results for htmx (the same URL: caches must tell them apart)."""
    if getattr(request, "htmx", None) and request.htmx.target == RESULTS_TARGET:
        template = f"{template}#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def _base_context(request, index) -> dict:
    context = index.get_context(request)
    context["page"] = index
    context["self"] = index
    return context


def news_list(request, index):
    form = NewsFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    news = selectors.for_cards(selectors.filtered_news(**filters))
    active = {key: value for key, value in filters.items() if value}
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{urlencode(active)}" if active else ""
    base = index.get_url(request=request)
    context = _base_context(request, index)
    context.update(
        {
            "form": form,
            "news": Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
            "filtered": bool(active),
            "rss_url": f"{base}feed/rss/{suffix}",
            "atom_url": f"{base}feed/atom/{suffix}",
            "years": selectors.archive_years(),
            "index_url": base,
            "category": selectors.category(filters["category"]),
        }
    )
    return _render_results(request, "news/news_index_page.html", context)


def news_archive(request, index, *, year: int, month: int | None = None):
    if month is not None and not 1 <= month <= 12:
        raise Http404
    if not 1900 <= year <= 2999:
        raise Http404
    news = selectors.for_cards(selectors.filtered_news(year=year, month=month))
    page = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
    if not page.paginator.count:
        raise Http404
    context = _base_context(request, index)
    context.update(
        {
            "news": page,
            "query": "",
            "year": year,
            "month": month,
            "month_name": MONTHS[month] if month else "",
            "month_date": datetime.date(year, month, 1) if month else None,
            "months": selectors.archive_months(year),
            "years": selectors.archive_years(),
            "index_url": index.get_url(request=request),
            "last_day": calendar.monthrange(year, month)[1] if month else None,
        }
    )
    return render(request, "news/news_archive.html", context)


def news_feed(request, index, kind: str):
    form = NewsFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    news = selectors.filtered_news(**filters).select_related("organisation", "category")
    feed = NewsAtomFeed() if kind == "atom" else NewsRssFeed()
    return feed(request, index=index, news=news, filtered=any(filters.values()))


def news_detail_context(request, page) -> dict:
    """What a news item's page shows beyond its own fields (`NewsPage.get_context`)."""
    return {**selectors.news_links(page), "sections": article_sections(page)}


def register_page_views() -> None:
    from samspill.news.models import PAGE_VIEWS

    PAGE_VIEWS.update(
        {
            "news_list": news_list,
            "news_archive": news_archive,
            "news_feed": news_feed,
            "news_detail_context": news_detail_context,
        }
    )
