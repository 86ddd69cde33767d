"""The language × variant matrix of a 1,000-unit course: 6 languages × 3 variants (issue 5).

Target: each extra combination costs no more than a single-language build of the same course
(nothing is repeated per combination that could be done once, no quadratic work).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import Figure
from bench.generate import generate_course
from benchbook.authoring.pipeline import compile_course, compile_matrix

LANGUAGES = ["en", "ar", "es", "fr", "ru", "zh"]
VARIANTS = ["alpha", "beta", "gamma"]


def _make_matrix_course(root: Path) -> Path:
    folder = generate_course(root, 1000)
    course_yaml = folder / "course.yaml"
    text = course_yaml.read_text()
    text = text.replace("title: Generated course\n", "title: Generated course\nlanguage: en\n")
    text += f"languages: [{', '.join(LANGUAGES)}]\nvariants: [{', '.join(VARIANTS)}]\n"
    text += "jurisdiction:\n  statute: the national law\n"
    course_yaml.write_text(text)
    for variant in VARIANTS:
        variant_folder = folder / "variants" / variant
        (variant_folder / "lessons").mkdir(parents=True)
        (variant_folder / "lessons" / "l0001.md").write_text(
            f"---\nid: l0001\ntitle: Lesson 1 in {variant}\ngraded: Check\n---\n\n"
            f"## Local law {{#u-{variant}}}\n\nUnder {{{{ jurisdiction.statute }}}} in {variant}.\n"
        )
        (variant_folder / "variant.yaml").write_text(
            f"title: {variant}\njurisdiction:\n  statute: the {variant} act\n"
            "replace:\n  lessons:\n    - {id: l0001, file: lessons/l0001.md}\n"
        )
    return folder


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = _make_matrix_course(Path(temporary))
        compile_course(folder)  # warm imports and caches
        started = time.perf_counter()
        single = compile_course(folder)
        single_seconds = time.perf_counter() - started
        assert single.runs and not single.diagnostics.errors
        started = time.perf_counter()
        everything = compile_matrix(folder)
        matrix_seconds = time.perf_counter() - started
        combinations = len(everything.runs)
    per_combination = matrix_seconds / combinations
    return [
        Figure("single-language build (1,000 units)", single_seconds, "s"),
        Figure(f"matrix build ({combinations} combinations)", matrix_seconds, "s"),
        Figure(
            "cost per combination",
            per_combination,
            "s",
            f"≤ single build ({single_seconds:.2f} s)",
            per_combination <= single_seconds,
        ),
    ]
