"""The register of links out of the hub, and the checker that finds the ones that stopped working.

When an article, FAQ entry or guide is published, `links_sync_for_page` records every external
http(s) address it uses in `ExternalLink` (see `knowledge.tasks`). `check_due_links` asks each
address once a week: HEAD first (GET when the server refuses HEAD), redirects followed. A link
counts as broken after two failures in a row, so that one bad night at the other end is no alarm.

The checker fetches addresses that editors wrote, so it refuses hosts that resolve to private,
loopback or link-local addresses (on every redirect too): it must not become a way to probe the
hub's own network. Each request resolves its host once, checks every address (and the IPv4 address
inside IPv4-mapped, -compatible, NAT64 and 6to4 ones; Teredo and local NAT64 are refused), and
connects to the address it checked, so a name that answers differently a moment later (DNS
rebinding) gets nowhere. `LINKCHECK_ALLOW_PRIVATE_HOSTS = True` lifts the check, for tests on
127.0.0.1.
"""

import ipaddress
import socket
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from wagtail.models import Page

from samspill.knowledge.models import (
    ArticlePage,
    ExternalLink,
    FaqPage,
    GuidePage,
    LinkStatus,
)

USER_AGENT = "samspill-linkcheck/1.0"
BROKEN_AFTER = 2
RECHECK_AFTER = timedelta(days=7)
MAX_REDIRECTS = 10
MAX_URL_LENGTH = 500
RETRY_WITH_GET = {403, 405, 501}
LINK_PAGE_TYPES = (ArticlePage, FaqPage, GuidePage)


# --- Finding the links ----------------------------------------------------------------------------


class _AnchorParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _hrefs(rich_text) -> list[str]:
    """The href of every <a> in stored rich text (a string or a RichText value)."""
    source = str(getattr(rich_text, "source", rich_text) or "")
    if "<a" not in source:
        return []
    parser = _AnchorParser()
    parser.feed(source)
    parser.close()
    return parser.hrefs


def normalise_url(url) -> str | None:
    """An external http(s) address without its fragment, or None for anything else."""
    url = str(url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    url = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
    return url if len(url) <= MAX_URL_LENGTH else None


def _article_links(page) -> list[str]:
    found = [page.source_url]
    for block in page.body:
        kind, value = block.block_type, block.value
        if kind == "text":
            found += _hrefs(value)
        elif kind == "qa":
            found += _hrefs(value["answer"])
        elif kind == "callout":
            found += _hrefs(value["text"])
        elif kind == "links":
            found += [link["url"] for link in value["links"]]
        elif kind == "video":
            found.append(value["url"])
    return found


def _guide_links(page) -> list[str]:
    found = []
    for block in page.steps:
        if block.block_type == "result":
            found += _hrefs(block.value.get("text"))
            found += [link["url"] for link in block.value.get("links") or []]
    return found


def extract_links(page) -> list[str]:
    """The external http(s) addresses a knowledge page links to, each once, in order of appearance."""
    page = getattr(page, "specific", page)
    if isinstance(page, ArticlePage):
        found = _article_links(page)
    elif isinstance(page, FaqPage):
        found = _hrefs(page.answer)
    elif isinstance(page, GuidePage):
        found = _guide_links(page)
    else:
        found = []
    urls = []
    for url in found:
        url = normalise_url(url)
        if url and url not in urls:
            urls.append(url)
    return urls


# --- Keeping the register -------------------------------------------------------------------------


def links_sync_for_page(page) -> list[ExternalLink]:
    """Record the links of a published page and forget the ones it no longer uses.

    A page that is no longer live uses no links. Returns the page's links.
    """
    page = getattr(page, "specific", page)
    urls = extract_links(page) if page.live else []
    through = ExternalLink.pages.through
    with transaction.atomic():
        if urls:
            ExternalLink.objects.bulk_create(
                [ExternalLink(url=url) for url in urls], ignore_conflicts=True
            )
        links = list(ExternalLink.objects.filter(url__in=urls)) if urls else []
        link_ids = [link.pk for link in links]
        through.objects.filter(page_id=page.pk).exclude(externallink_id__in=link_ids).delete()
        through.objects.bulk_create(
            [through(page_id=page.pk, externallink_id=pk) for pk in link_ids],
            ignore_conflicts=True,
        )
    return links


def links_sync_for_page_id(page_id: int) -> int:
    """`links_sync_for_page` for a page id (a task's argument); a page that is gone loses its links."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        ExternalLink.pages.through.objects.filter(page_id=page_id).delete()
        return 0
    return len(links_sync_for_page(page.specific))


def links_prune() -> int:
    """Delete links no page uses any more."""
    deleted, _rows = ExternalLink.objects.filter(pages__isnull=True).delete()
    return deleted


# --- Checking -------------------------------------------------------------------------------------


class LinkCheckError(Exception):
    """Why an address could not be checked, in words for the editors."""


@dataclass
class CheckResult:
    ok: bool
    status_code: int | None = None
    error: str = ""
    final_url: str = ""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_TEREDO = ipaddress.ip_network("2001::/32")


def is_public_address(address) -> bool:
    """True for an address on the public internet; an IPv6 address that carries an IPv4 address
    (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it leads to."""
    if address.version == 6:
        if address in _TEREDO or address in _NAT64_LOCAL:
            return False  # the IPv4 address behind them cannot be checked reliably
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and (address in _NAT64 or address in _IPV4_COMPATIBLE):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
    return address.is_global and not address.is_multicast


def resolve(host: str) -> list[str]:
    """Every address the name resolves to (tests replace the resolver underneath)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise LinkCheckError(_("The host name could not be found.")) from error
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


def checked_address(host: str) -> str:
    """Resolve `host` once and return the address to connect to, after checking every address it
    resolved to."""
    addresses = resolve(host)
    if not addresses:
        raise LinkCheckError(_("The host name could not be found."))
    if not getattr(settings, "LINKCHECK_ALLOW_PRIVATE_HOSTS", False):
        for address in addresses:
            if not is_public_address(ipaddress.ip_address(address)):
                raise LinkCheckError(_("The address is not on the public internet."))
    return addresses[0]


class PinnedAddressAdapter(HTTPAdapter):
    """Connects to the address `checked_address` approved, never resolving the name again: the
    name goes in the Host header and, for https, in SNI and the certificate check."""

    def send(self, request, *args, **kwargs):
        parts = urlsplit(request.url)
        name = parts.hostname or ""
        self._pinned = (name, checked_address(name))
        host = f"[{name}]" if ":" in name else name
        request.headers["Host"] = f"{host}:{parts.port}" if parts.port else host
        return super().send(request, *args, **kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        name, address = self._pinned
        host_params["host"] = address
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = name
            pool_kwargs["assert_hostname"] = name
        return host_params, pool_kwargs


def _request(session, method: str, url: str, timeout: float):
    """One request chain, following redirects by hand so that every hop is checked (the session's
    adapter resolves and checks each hop's host)."""
    for _hop in range(MAX_REDIRECTS + 1):
        response = session.request(method, url, allow_redirects=False, timeout=timeout, stream=True)
        response.close()  # the body is never read
        location = response.headers.get("location")
        if response.is_redirect and location:
            url = urljoin(url, location)
            if urlsplit(url).scheme.lower() not in {"http", "https"}:
                raise LinkCheckError(_("It redirects to an address that is not a web page."))
            if response.status_code == 303:
                method = "GET"
            continue
        return response, url
    raise LinkCheckError(_("Too many redirects."))


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fetch_status(url: str, *, timeout: float = 5) -> CheckResult:
    """Ask the server for the address: HEAD, or GET when HEAD is refused (the body is not read)."""
    with requests.Session() as session:
        session.trust_env = False  # no proxy from the environment: it would resolve names itself
        adapter = PinnedAddressAdapter(max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update({"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            response, final_url = _request(session, "HEAD", url, timeout)
            if response.status_code in RETRY_WITH_GET:
                response, final_url = _request(session, "GET", url, timeout)
        except LinkCheckError as error:
            return CheckResult(ok=False, error=_short(str(error)))
        except requests.Timeout:
            return CheckResult(
                ok=False,
                error=_("No answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"},
            )
        except requests.exceptions.SSLError:
            return CheckResult(ok=False, error=_("The secure connection (TLS) failed."))
        except requests.ConnectionError:
            return CheckResult(ok=False, error=_("Could not connect to the server."))
        except requests.RequestException as error:
            return CheckResult(ok=False, error=_short(f"{type(error).__name__}: {error}"))
    code = response.status_code
    if code < 400:
        return CheckResult(ok=True, status_code=code, final_url=final_url)
    return CheckResult(
        ok=False,
        status_code=code,
        error=_short(
            _("The server answered %(code)s %(reason)s.")
            % {"code": code, "reason": response.reason or ""}
        ),
        final_url=final_url,
    )


def link_record_check(link: ExternalLink, result: CheckResult, *, now=None) -> ExternalLink:
    """Store a check's outcome: a success resets the failures, the second failure in a row breaks."""
    link.checked_at = now or timezone.now()
    link.status_code = result.status_code
    if result.ok:
        link.failures = 0
        link.status = LinkStatus.OK
        link.error = ""
    else:
        link.failures = (link.failures or 0) + 1
        link.error = result.error[:300]
        if link.failures >= BROKEN_AFTER:
            link.status = LinkStatus.BROKEN
    link.save(update_fields=["checked_at", "status_code", "failures", "status", "error"])
    return link


def check_link(link: ExternalLink, timeout: float = 5) -> ExternalLink:
    """Check one link now and record the result."""
    return link_record_check(link, fetch_status(link.url, timeout=timeout))


def links_due(*, limit: int | None = 200, everything: bool = False, now=None):
    """Links in use that were not checked in the last week (or all of them), oldest check first."""
    now = now or timezone.now()
    in_use = ExternalLink.pages.through.objects.values("externallink_id")
    links = ExternalLink.objects.filter(pk__in=in_use)
    if not everything:
        links = links.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=now - RECHECK_AFTER))
    links = links.order_by(F("checked_at").asc(nulls_first=True), "pk")
    return links[:limit] if limit else links


@dataclass
class CheckSummary:
    checked: int = 0
    ok: int = 0
    failed: int = 0
    broken: int = 0
    pruned: int = 0

    def as_dict(self) -> dict:
        return {
            "checked": self.checked,
            "ok": self.ok,
            "failed": self.failed,
            "broken": self.broken,
            "pruned": self.pruned,
        }


def check_due_links(
    *, limit: int | None = 200, everything: bool = False, timeout: float = 5, progress=None
) -> CheckSummary:
    """Check the links that are due (see `links_due`) one after the other."""
    summary = CheckSummary(pruned=links_prune())
    for link in list(links_due(limit=limit, everything=everything)):
        check_link(link, timeout=timeout)
        summary.checked += 1
        if link.failures == 0:
            summary.ok += 1
        elif link.status == LinkStatus.BROKEN:
            summary.broken += 1
        else:
            summary.failed += 1  # the first failure: broken if the next check fails too
        if progress:
            progress(link)
    return summary
