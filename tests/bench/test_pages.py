"""The pure parts of bench/pages.py: reading wrk's output and the Lua script's counts, the hit
rate and what makes a row fail. No server and no timing here (that is the benchmark's job)."""

import math
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))  # bench/pages.py imports its harness as the scripts do

import pages  # noqa: E402

WRK_OUTPUT = """\
Running 3s test @ http://127.0.0.1:8300/arrangementer/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.35ms  120.01ms   1.90s    80.00%
    Req/Sec    38.50     12.10    70.00     65.00%
  Latency Distribution
     50%  395.12ms
     75%  480.00ms
     90%  612.40ms
     99%    1.21s
  231 requests in 3.01s, 12.34MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:     76.74
Transfer/sec:      4.10MB
page-cache-counts hit=200 miss=10 shared=0 bypass=0 none=21 other=0 s2=225 s3=2 sx=4
"""


def test_parse_wrk_reads_rate_percentiles_and_errors():
    parsed = pages.parse_wrk(WRK_OUTPUT)
    assert parsed["requests"] == 231
    assert parsed["rps"] == 76.74
    assert math.isclose(parsed["wrk_seconds"], 3.01)
    assert math.isclose(parsed["p50_ms"], 395.12)
    assert math.isclose(parsed["p75_ms"], 480.0)
    assert math.isclose(parsed["p99_ms"], 1210.0)
    assert parsed["non_2xx_3xx"] == 4
    assert parsed["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 2}


def test_parse_wrk_units_and_a_clean_run():
    output = (
        "  Latency Distribution\n     50%  812.00us\n     75%    1.10ms\n     90%    2.00ms\n"
        "     99%    9.87ms\n  30000 requests in 3.00s, 5.00MB read\nRequests/sec:  9999.50\n"
    )
    parsed = pages.parse_wrk(output)
    assert math.isclose(parsed["p50_ms"], 0.812)
    assert math.isclose(parsed["p99_ms"], 9.87)
    assert parsed["non_2xx_3xx"] == 0
    assert pages.row_errors(parsed, None) == {}


def test_parse_wrk_of_nothing_is_an_error_row():
    parsed = pages.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")
    assert math.isnan(parsed["rps"])
    assert pages.row_errors(parsed, None) == {"no requests": 1}


def test_counts_hit_rate_and_errors():
    counts = pages.parse_counts(WRK_OUTPUT)
    assert counts == {
        "hit": 200,
        "miss": 10,
        "shared": 0,
        "bypass": 0,
        "none": 21,
        "other": 0,
        "s2": 225,
        "s3": 2,
        "sx": 4,
    }
    assert math.isclose(pages.hit_rate(counts), 200 / 231)
    # A redirect fails the row (bench the final address); a read error does not (wrk counts the
    # server closing a keep-alive connection); a timeout does.
    assert pages.row_errors(pages.parse_wrk(WRK_OUTPUT), counts) == {
        "HTTP 3xx": 2,
        "HTTP 4xx/5xx": 4,
        "socket timeout": 2,
    }


def test_hit_rate_counts_shared_and_is_unknown_without_the_header():
    assert pages.hit_rate({"hit": 1, "shared": 2, "miss": 1}) == 0.75
    assert math.isnan(pages.hit_rate({"none": 50, "s2": 50}))
    assert math.isnan(pages.hit_rate(pages.parse_counts("Requests/sec: 1.0\n")))


def test_the_lua_script_reports_what_parse_counts_reads():
    # The names written by done() are the ones parse_counts and hit_rate use.
    for name in (*pages.CACHE_KINDS, "s2", "s3", "sx"):
        assert f'"{name}"' in pages.LUA
    assert 'io.write("page-cache-counts "' in pages.LUA


def test_stat_fields_survive_a_name_with_spaces_and_parentheses(tmp_path, monkeypatch):
    line = "4242 (gunicorn: (a) b) S 4241 4242 4242 0 -1 4194560 1 0 0 0 150 25 7 3 20 0 1 0"
    real = Path.read_text
    monkeypatch.setattr(
        Path,
        "read_text",
        lambda self, *a, **k: line if str(self) == "/proc/4242/stat" else real(self, *a, **k),
    )
    fields = pages._stat(4242)
    assert fields[0] == "S" and fields[1] == "4241"
    assert fields[11:15] == ["150", "25", "7", "3"]  # utime, stime, cutime, cstime


def test_the_ratios_divide_by_the_mean_of_both_baseline_runs():
    first = {"rps": 1000.0, "cpu_ms": 0.5}
    last = {"rps": 800.0, "cpu_ms": 0.7}
    assert pages.reference_of(first, last) == {"rps": 900.0, "cpu_ms": 0.6}
    # A baseline run without figures (an error row) leaves the other.
    assert pages.reference_of(first, {"rps": math.nan}) == {"rps": 1000.0, "cpu_ms": 0.5}


def test_the_cookie_jar_forgets_a_cookie_the_server_deletes():
    class Response:
        def __init__(self, *headers):
            self.headers = self
            self._headers = headers

        def get_all(self, name):
            return list(self._headers)

    jar = pages.cookies_of(
        Response("sessionid=abc; HttpOnly; Path=/", 'messages="x:1"; Path=/'), {}
    )
    assert jar == {"sessionid": "abc", "messages": '"x:1"'}
    pages.cookies_of(
        Response('messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'), jar
    )
    assert jar == {"sessionid": "abc"}
