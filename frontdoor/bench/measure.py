"""Timing helpers for benchmarks: paired, interleaved runs against a naive baseline.

On a shared machine one absolute time means little, so every figure is reported beside a
baseline measured in the same run, interleaved, with the median of the paired ratios.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError


def refuse_production() -> None:
    """Benchmarks build synthetic people and contacts in bulk: never in a production database."""
    if settings.PRODUCTION:
        raise CommandError("Benchmarks write synthetic records: never run them in production.")


@dataclass(frozen=True)
class Timings:
    samples_ms: list[float]

    def percentile(self, p: float) -> float:
        ordered = sorted(self.samples_ms)
        if not ordered:
            return 0.0
        index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
        return ordered[index]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def n(self) -> int:
        return len(self.samples_ms)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def paired(
    candidate: Callable[[], object], baseline: Callable[[], object], *, runs: int, warmup: int = 3
) -> tuple[Timings, Timings, float]:
    """Run candidate and baseline alternately; return both timings and the median ratio."""
    for _ in range(warmup):
        candidate()
        baseline()
    ours, theirs, ratios = [], [], []
    for _ in range(runs):
        a = timed(candidate)
        b = timed(baseline)
        ours.append(a)
        theirs.append(b)
        ratios.append(b / a if a else 0.0)
    return Timings(ours), Timings(theirs), statistics.median(ratios)
