"""`samspill serve` passes HUP on to gunicorn: new workers start on the installed code, and no
request fails meanwhile (README, "Upgrades without downtime": `systemctl reload samspill-web`)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


def _get(url: str) -> int:
    # A slow answer is not a failed one: on a loaded machine (CI runs two test processes beside
    # the servers) a request that meets the new workers while they import may wait seconds.
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status


def _wait_until(check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if value := check():
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_hup_replaces_the_gunicorn_workers_without_a_failed_request(tmp_path):
    if not Path("/proc/self/task").exists():
        pytest.skip("needs Linux's /proc to find the gunicorn workers")
    port = _free_port()
    env = {
        **os.environ,
        "SAMSPILL_ENV": "development",
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "ACCESS_LOG": "/dev/null",
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("DATABASE_URL", None)
    serve = subprocess.Popen(
        [sys.executable, "-m", "samspill.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/healthz/live"
    try:
        _wait_until(lambda: _get(url) == 200, 60)
        (master,) = _wait_until(lambda: _children(serve.pid), 10)
        before = _wait_until(lambda: len(_children(master)) == 2 and _children(master), 30)

        serve.send_signal(signal.SIGHUP)
        statuses = []
        deadline = time.monotonic() + 30
        after = before
        while time.monotonic() < deadline:
            statuses.append(_get(url))
            after = _children(master)
            if len(after) == 2 and not (after & before):
                break
            time.sleep(0.05)

        assert serve.poll() is None, "serve must keep running after HUP"
        assert _children(serve.pid) == {master}, "the same gunicorn master"
        assert len(after) == 2 and not (after & before), "new workers replaced the old ones"
        assert statuses and set(statuses) == {200}
        assert _get(url) == 200
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            serve.kill()
