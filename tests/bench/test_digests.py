"""bench/digests.py's functions with 50 people (the benchmark itself runs 20,000, by hand): the
load, the digest run with its queries per batch, the memory pass and the checks."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))  # bench/digests.py imports its harness as the scripts do

import digests as bench  # noqa: E402

from samspill.core import digests, registry  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(digests, "BATCH", 10)
    yield
    for name in (bench.NEWS, bench.EVENTS):
        registry._registry.notification_kinds.pop(name, None)


def test_the_bench_with_50_people(small_batches):
    figures = bench.load(people=50, quiet=0.2, things=40)
    assert len(figures["quiet_ids"]) == 10
    assert bench.follow(first=0, last=50, follows=8, n_quiet=10, things=40) == 400
    assert bench.notify(first=0, last=12, things=40) > 0
    assert bench.baseline(runs=3)["ms_per_email"] > 0
    run = bench.measure()
    assert run["result"]["emails"] > 0
    assert len(run["batches"]) >= 3  # about 40 people with something new, 10 a batch
    assert len({batch["queries"] for batch in run["batches"]}) == 1  # bounded per batch
    memory = bench.memory(20)
    assert memory["people"] == 20 and len(memory["peaks_mb"]) == 2
    checked = bench.check(figures)
    assert checked["problems"] == []
    assert checked["quiet_emailed"] == 0 and checked["emailed"] == checked["told"]
