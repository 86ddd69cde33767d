"""Run every benchmark module and print their figures as one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from rich.console import Console
from rich.table import Table

import bench


def main(argv: list[str]) -> int:
    wanted = set(argv)
    table = Table(title="Benchbook benchmarks")
    for column in ("benchmark", "figure", "value", "target", "met"):
        table.add_column(column)
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (wanted and info.name not in wanted):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        for figure in module.run():
            met = "" if figure.ok is None else ("yes" if figure.ok else "NO")
            table.add_row(info.name, figure.name, f"{figure.value:,.3f} {figure.unit}", figure.target, met)
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
