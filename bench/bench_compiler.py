"""Compiler throughput: generated courses of 100, 1,000 and 10,000 units (issue 2 targets).

Targets: 1,000 units under 1 s; time per unit flat from 100 to 10,000 (within 20 %); peak memory
under 300 MB at 10,000 units; no slower than 3× a plain ``tar czf`` of the same output tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bench import Figure
from bench.generate import generate_course

SIZES = (100, 1000, 10000)


def _build(folder: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.compile_once", str(folder), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def _best_of(times: int, folder: Path, out: Path) -> dict:
    runs = [_build(folder, out) for _ in range(times)]
    return min(runs, key=lambda r: r["seconds"])


def _tar_czf_seconds(archive: Path, work: Path) -> float:
    tree = work / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(["tar", "czf", str(work / "plain.tar.gz"), "-C", str(tree), "course"], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def run() -> list[Figure]:
    figures: list[Figure] = []
    per_unit: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for size in SIZES:
            folder = generate_course(root / "src", size)
            out = root / f"dist-{size}"
            result = _best_of(3 if size < 10000 else 1, folder, out)
            per_unit[size] = result["seconds"] / size
            figures.append(
                Figure(
                    f"build {size:,} units",
                    result["seconds"],
                    "s",
                    "< 1 s" if size == 1000 else "",
                    result["seconds"] < 1 if size == 1000 else None,
                )
            )
            figures.append(Figure(f"time per unit ({size:,})", per_unit[size] * 1000, "ms"))
            figures.append(
                Figure(
                    f"peak memory ({size:,})",
                    result["peak_mb"],
                    "MB",
                    "< 300 MB" if size == 10000 else "",
                    result["peak_mb"] < 300 if size == 10000 else None,
                )
            )
            if size == 10000:
                (archive,) = out.glob("*.tar.gz")
                floor = _tar_czf_seconds(archive, root / "floor")
                ratio = result["seconds"] / floor
                figures.append(Figure("build ÷ tar czf (10,000)", ratio, "×", "≤ 3×", ratio <= 3))
        spread = max(per_unit.values()) / min(per_unit.values()) - 1
        figures.append(Figure("per-unit time spread 100→10,000", spread * 100, "%", "≤ 20 %", spread <= 0.2))
    return figures
