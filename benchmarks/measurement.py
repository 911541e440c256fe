"""What the server benchmark records: one thing timed at one corpus size, and the timing helpers."""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable


@dataclasses.dataclass
class Measurement:
    """One thing timed at one corpus size: every run's wall and CPU seconds, and what else was seen."""

    size: str
    name: str
    wall: list[float] = dataclasses.field(default_factory=list)
    cpu: list[float] = dataclasses.field(default_factory=list)
    note: str = ""
    extra: dict = dataclasses.field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.wall) if self.wall else None


def timed(function: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def repeat(measurement: Measurement, function: Callable[[], object], repeats: int) -> object:
    result = None
    for _ in range(repeats):
        wall, cpu, result = timed(function)
        measurement.wall.append(wall)
        measurement.cpu.append(cpu)
    return result
