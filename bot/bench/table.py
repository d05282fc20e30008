"""The bench's output: one row per figure, its target beside it, and whether it is met."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    value: str
    target: str = ""
    met: bool | None = None  # None: no target, or nothing measured

    @property
    def verdict(self) -> str:
        if self.met is None:
            return ""
        return "met" if self.met else "NOT MET"


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)

    def add(self, name: str, value: str, target: str = "", met: bool | None = None) -> Row:
        row = Row(name, value, target, met)
        self.rows.append(row)
        return row

    def section(self, name: str) -> None:
        self.rows.append(Row(f"[{name}]", ""))

    def render(self) -> str:
        widths = [
            max([len(r.name) for r in self.rows] + [6]),
            max([len(r.value) for r in self.rows] + [5]),
            max([len(r.target) for r in self.rows] + [6]),
        ]
        line = f"{'figure':<{widths[0]}}  {'value':>{widths[1]}}  {'target':<{widths[2]}}  result"
        out = [self.title, "", line, "-" * len(line)]
        for r in self.rows:
            if r.name.startswith("[") and not r.value:
                out.append(r.name)
                continue
            cells = f"{r.name:<{widths[0]}}  {r.value:>{widths[1]}}  {r.target:<{widths[2]}}"
            out.append(f"{cells}  {r.verdict}".rstrip())
        return "\n".join(out)


def median_ms(samples_ns: list[int]) -> float:
    return float(np.median(samples_ns)) / 1e6 if samples_ns else float("nan")


def p99_ms(samples_ns: list[int]) -> float:
    return float(np.percentile(samples_ns, 99)) / 1e6 if samples_ns else float("nan")


def size_label(articles: int) -> str:
    if articles >= 1000 and articles % 1000 == 0:
        return f"{articles // 1000}k"
    return str(articles)
