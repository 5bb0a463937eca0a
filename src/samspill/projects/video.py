"""Videos on YouTube and Vimeo, embedded only when the reader asks.

`parse_video` turns a watch address into the privacy-enhanced embed address (youtube-nocookie.com,
Vimeo with `dnt=1`). The page shows a plain link and a button; the iframe is made by
`static/projects/video.js` when the button is pressed, so no request reaches the video site before.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{4,12}$")


@dataclass(frozen=True)
class Embed:
    provider: str  # "youtube" or "vimeo"
    video_id: str
    watch_url: str
    embed_url: str

    @property
    def provider_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]


def _seconds(value: str) -> int:
    """`75`, `75s` or `1m15s` as seconds; 0 when unreadable."""
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value or "")
    if not match:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_video(url: str) -> Embed | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host in ("www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"):
        if host == "youtu.be":
            video_id = parts.path.strip("/")
        elif parts.path == "/watch":
            video_id = (query.get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
        else:
            return None
        if not YOUTUBE_ID.match(video_id):
            return None
        start = _seconds((query.get("t") or query.get("start") or [""])[0])
        params = {"autoplay": "1"}
        if start:
            params["start"] = str(start)
        watch = f"https://www.youtube.com/watch?v={video_id}" + (f"&t={start}s" if start else "")
        return Embed(
            "youtube",
            video_id,
            watch,
            f"https://www.youtube-nocookie.com/embed/{video_id}?{urlencode(params)}",
        )
    if host in ("vimeo.com", "www.vimeo.com", "player.vimeo.com"):
        video_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if not VIMEO_ID.match(video_id):
            return None
        return Embed(
            "vimeo",
            video_id,
            f"https://vimeo.com/{video_id}",
            f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1",
        )
    return None
