"""The demo's content, one JSON file per capability, read by `samspill.demo.<capability>`.

Written once from the Python literals the builders used to hold; edit the files by hand now. Dates
are ISO strings; the events' dates are rules counted from the day the demo is built (see
`samspill.demo.events`).
"""

import functools
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


@functools.cache
def load(name: str):
    """The parsed content of data/<name>.json (read once per process; treat it as read-only)."""
    with (HERE / f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)
