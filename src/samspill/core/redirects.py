"""Where a form may send someone back to: the one check of a `next` address, for every app."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request, url: str | None, default: str, fragment: str = "") -> str:
    """`url` when it stays on this site over http(s) (a `next` from the query or a form), else
    `default`: a `javascript:` or another site's address never becomes a link or a redirect."""
    url = (url or "").strip()
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = default
    return f"{url}#{fragment}" if fragment else url
