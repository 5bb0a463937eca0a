"""What the benchmarks' in-process snippets share: counting queries and timing a call.

The snippets run in the instance's environment (harness.run_python), where bench/ is on the path:
`from inprocess import Captured, timed` after `django.setup()`.
"""

import contextlib
import statistics
import time

from django.db import connections


class Captured(contextlib.ExitStack):
    """The queries on every database connection of this thread, in `captured_queries`. An execute
    wrapper, not CaptureQueriesContext: a request resets the connection's query log when it
    starts, so that context would miss the queries of a test-client request."""

    def __enter__(self):
        super().__enter__()
        self.captured_queries = []

        def record(execute, sql, params, many, context):
            self.captured_queries.append(sql)
            return execute(sql, params, many, context)

        for connection in connections.all():
            self.enter_context(connection.execute_wrapper(record))
        return self


def timed(fn, runs: int, *, warm: bool = True, after=None) -> dict:
    """`fn` called `runs` times (after one unmeasured call with `warm`): milliseconds of wall
    time, and the median CPU time of this process (`cpu_median_ms`: steadier than the wall time
    on a shared machine, where waiting for a CPU counts in the wall time only). `after`, when
    given, is called after each `fn` and timed with it."""
    if warm:
        fn()
    values = []
    cpu = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        if after is not None:
            after()
        values.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    values.sort()
    return {
        "median_ms": statistics.median(values),
        "cpu_median_ms": statistics.median(cpu),
        "min_ms": values[0],
        "max_ms": values[-1],
        "p90_ms": values[min(len(values) - 1, int(0.9 * len(values)))],
        "p95_ms": values[min(len(values) - 1, int(0.95 * len(values)))],
        "runs": runs,
    }
