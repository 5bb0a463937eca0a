"""N+1 detection in development and in the test suite, through django-zeal when it is installed.

django-zeal is a development tool (the `[dev]` extra). A production install does not have it:
settings then leave its app and `n_plus_one_middleware` out, and `ignore_n_plus_one` does nothing.
Code outside the tests never imports zeal itself, only this module.

With ZEAL_RAISE (the test suite) an N+1 raises and fails the test. A served process never fails a
page for it: the N+1 is logged as a warning on "samspill.nplusone", once, with the request it
happened in.
"""

import logging
import traceback
import warnings
from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar

try:
    import zeal
    from zeal.signals import nplusone_detected
except ImportError:  # a production install, without the [dev] extra
    zeal = None
    nplusone_detected = None

AVAILABLE = zeal is not None

nplusone_logger = logging.getLogger("samspill.nplusone")
_current_request: ContextVar = ContextVar("samspill_nplusone_request", default=None)


def ignore_n_plus_one(allowlist: list[dict] | None = None) -> AbstractContextManager:
    """Within the block, the repeated reads in `allowlist` (zeal's {"model", "field"} entries; all
    of them without one) are not reported. Outside development and tests: nothing to ignore."""
    if zeal is None:
        return nullcontext()
    return zeal.zeal_ignore(allowlist)


def n_plus_one_origin() -> str:
    """Where the repeated query came from: the innermost frame outside Django's ORM and templates
    and zeal, and the innermost frame of samspill's own code, when that is another one."""
    stack = traceback.extract_stack()
    # Only what led to the query: the frames outside zeal's report (the signal and its receivers).
    outer = min((i for i, f in enumerate(stack) if "/zeal/" in f.filename), default=len(stack))
    frames = [
        f for f in reversed(stack[:outer]) if not any(part in f.filename for part in _NOT_AN_ORIGIN)
    ]
    if not frames:
        return ""
    first = frames[0]
    ours = next(
        (f for f in frames if "/samspill/" in f.filename and not f.filename.endswith(_SELF)), None
    )
    places = [first] + ([ours] if ours and ours is not first else [])
    return " at " + " via ".join(f"{_short(f.filename)}:{f.lineno} in {f.name}" for f in places)


_SELF = "/samspill/core/nplusone.py"
_NOT_AN_ORIGIN = (
    "/zeal/",
    "/django/db/",
    "/django/template/",
    "/django/utils/",
    "/django/dispatch/",
    "/modelcluster/",
    "/django_htmx/",
)


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _log_n_plus_one(sender, exception, **kwargs):
    request = _current_request.get()
    where = f" ({request.method} {request.get_full_path()})" if request is not None else ""
    nplusone_logger.warning("%s%s%s", exception, n_plus_one_origin(), where)


def n_plus_one_middleware(get_response):
    """Each request runs under django-zeal's N+1 detection (development and test mode only; the
    settings add this middleware only when zeal is installed)."""
    nplusone_detected.connect(_log_n_plus_one, dispatch_uid="samspill.nplusone.log")
    # zeal also emits a UserWarning for what is logged above; one report is enough.
    warnings.filterwarnings("ignore", message=r"N\+1 detected", category=UserWarning)

    def middleware(request):
        token = _current_request.set(request)
        try:
            with zeal.zeal_context():
                return get_response(request)
        finally:
            _current_request.reset(token)

    return middleware
