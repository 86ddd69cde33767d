"""Generated courses of a given size, for benchmarks (never shipped, never committed as output)."""

from __future__ import annotations

from pathlib import Path

UNITS_PER_LESSON = 10
LESSONS_PER_MODULE = 10

PROSE = (
    "An exhibit is sealed at the scene, **labelled**, and every hand-over is written in the "
    "chain-of-custody record[^n{n}]. See the [first lesson](../m0000/l0000.md).\n\n"
    "| Field | Example |\n|---|---|\n| Seal number | S-{n:05d} |\n\n[^n{n}]: Note {n}.\n"
)
QUIZ = """```quiz
id: q{n:05d}
type: single
question: Which record shows every hand-over of exhibit {n}?
choices:
  - text: The chain-of-custody record
    correct: true
    feedback: Right.
  - text: The charge sheet
    feedback: No.
explanation: The chain-of-custody record lists each transfer.
```
"""


def generate_course(root: Path, units: int) -> Path:
    """Write a course with *units* units (a quiz in every fifth) under *root*; return its folder."""
    folder = root / f"generated-{units}"
    lessons = max(1, units // UNITS_PER_LESSON)
    modules = max(1, -(-lessons // LESSONS_PER_MODULE))
    outline = "\n".join(f"  - modules/m{m:04d}" for m in range(modules))
    folder.mkdir(parents=True)
    (folder / "static").mkdir()
    (folder / "static" / "course.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "course.yaml").write_text(
        "org: BENCH\nnumber: GEN\ntitle: Generated course\ncourse_image: static/course.png\n"
        "runs:\n  - id: run1\n    start: 2026-01-01\n    end: 2026-12-31\n"
        "grading:\n  pass_mark: 0.5\n  assignment_types:\n    - type: Check\n      weight: 1.0\n"
        f"      min_count: {lessons}\n"
        f"outline:\n{outline}\n"
    )
    n = 0
    for lesson in range(lessons):
        module_folder = folder / "modules" / f"m{lesson // LESSONS_PER_MODULE:04d}"
        if not module_folder.exists():
            module_folder.mkdir(parents=True)
            (module_folder / "module.yaml").write_text(
                f"id: m{lesson // LESSONS_PER_MODULE:04d}\ntitle: Module {lesson // LESSONS_PER_MODULE}\n"
            )
        parts = [f"---\nid: l{lesson:04d}\ntitle: Lesson {lesson}\ngraded: Check\n---\n"]
        for _ in range(UNITS_PER_LESSON):
            parts.append(f"## Unit {n} {{#u{n:05d}}}\n\n" + PROSE.format(n=n))
            if n % 5 == 0:
                parts.append(QUIZ.format(n=n))
            n += 1
        (module_folder / f"l{lesson:04d}.md").write_text("\n".join(parts))
    return folder
