"""Faults a test schedules for the next calls of a method (issue "reliability")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["fail", "drop", "stall"]
ANY_METHOD = "*"


@dataclass
class Fault:
    kind: FaultKind
    times: int
    status: int = 500
    retry_after: int | None = None
    description: str | None = None
    seconds: float = 0.0
    after_processing: bool = False


class FaultPlan:
    """Faults per method (case-insensitive; "*" for any method), used first-in first-out."""

    def __init__(self) -> None:
        self._queued: defaultdict[str, list[Fault]] = defaultdict(list)

    def add(self, method: str, fault: Fault) -> None:
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        self._queued[method.lower()].append(fault)

    def take(self, method: str) -> Fault | None:
        for key in (method.lower(), ANY_METHOD):
            queue = self._queued.get(key)
            if queue:
                fault = queue[0]
                fault.times -= 1
                if fault.times == 0:
                    queue.pop(0)
                return fault
        return None

    def pending(self) -> dict[str, int]:
        return {method: sum(f.times for f in q) for method, q in self._queued.items() if q}
