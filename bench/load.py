"""Load benchmark: samspill's pages against a minimal baseline, on a throwaway production instance.

    .venv/bin/python bench/load.py [--seconds 10] [--clients 8] [--workers 2] [--url /path ...]
                                   [--warmup 1] [--json results.json] [--keep]

It builds a production-mode hub on SQLite in a temporary directory (migrate, collectstatic, demo),
serves it with `samspill serve` on a free port of 127.0.0.1, then drives one URL at a time with
concurrent keep-alive clients for a fixed time, the baseline `/healthz/live` first. The table shows
requests/second, p50/p95/p99 latency and errors per URL, and each page's ratio to the baseline.
Only 127.0.0.1 is ever contacted; the server is always stopped at the end. bench/README.md tells
how to read the numbers and how to add a page.

Exit status: 0 all fine, 1 some URL had errors, 2 the instance could not be prepared or the server
did not come up (or died), 130 interrupted.
"""

import sys

import harness  # bench/harness.py: the instance, the server, the load driver, the table

# --- The pages under test -------------------------------------------------------------------------
# (name, path). Add a page here when an issue adds one: paths only, served by the demo hub.
PAGES = [
    ("home", "/"),
    ("organisations", "/organisasjoner/"),
    ("organisation", "/organisasjoner/brak/"),
    ("api organisations", "/api/v1/organisations"),
    ("api organisation", "/api/v1/organisations/brak"),
    ("knowledge index", "/kunnskap/"),
    ("topic", "/kunnskap/skatt-og-status/"),
    (
        "article",
        "/kunnskap/skatt-og-status/jeg-er-bade-selvstendig-naeringsdrivende-og-ansatt-hva-gjelder-for-meg/",
    ),
    ("guide result", "/kunnskap/selvstendig-ansatt-eller-begge/?svar=0"),
    ("question", "/sporsmal/?q=Hvordan+gi+ut+musikk+n%C3%A5%3F"),
    ("api answers", "/api/v1/answers?q=m%C3%A5+jeg+registrere+ENK"),
    ("api articles", "/api/v1/articles"),
    ("events", "/arrangementer/"),
    # The demo builds its events in a fixed order on a fresh instance: the second is Mustech
    # Norway's meetup in Oslo, three weeks ahead (samspill/demo/data/events.json).
    ("event", "/arrangementer/2/mustech-norway-treff-oslo/"),
    ("api events", "/api/v1/events"),
    ("api event", "/api/v1/events/2"),
]
# --------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None):
    parser = harness.arguments(
        "Benchmark samspill's pages against a minimal baseline (bench/README.md)."
    )
    parser.add_argument(
        "--url",
        action="append",
        metavar="PATH",
        help="bench only this path (or a name from PAGES); repeat for several. The baseline always "
        "runs first.",
    )
    args = harness.parse(parser, argv)
    args.pages = select_pages(parser, args.url)
    return args


def select_pages(parser, wanted: list[str] | None) -> list[tuple]:
    if not wanted:
        return list(PAGES)
    by_name = dict(PAGES)
    by_path = {path: name for name, path in PAGES}
    pages = []
    for item in wanted:
        if item in by_name:
            page = (item, by_name[item])
        elif item.startswith("/") and not item.startswith("//"):
            # A path on the local server only: never a scheme or another host.
            page = (by_path.get(item, item), item)
        else:
            parser.error(f"--url takes a path starting with / or a name from PAGES, not {item!r}")
        if page[1] != harness.BASELINE[1] and page not in pages:
            pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        instance.prepare()
        instance.serve(args.workers)
        results = instance.drive(args.pages, args)
        instance.stop()
        print()
        print(f"samspill load benchmark: {harness.load_summary(args)}, {harness.machine()}")
        print(harness.table(results))
        print()
        print(harness.COMPARE)
        failed = harness.report_errors(results)
        harness.write_json(args.json, args, results=results)
        return 1 if failed else 0

    return harness.run(measure, name="load", args=args)


if __name__ == "__main__":
    sys.exit(main())
