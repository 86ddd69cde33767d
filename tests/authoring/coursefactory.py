"""Write a small, valid course folder from parts, with any file overridden, edited or removed.

The base course compiles with no diagnostic at all (``tests/authoring/test_broken_sources.py`` checks
that), so a test that changes one thing sees only the diagnostics that one change causes::

    folder = write_course(tmp_path / "course", {
        "course.yaml": Edit("end: 2027-06-30", "end: 2026-06-30"),   # change one line of the base
        "modules/01-basics/03-new.md": "---\\nid: new\\n…",            # add (or replace) a file
        "about.md": None,                                           # remove a file
    })

Line numbers in the base files are part of the contract of the broken-source tests: prefer
:func:`line_of` (the line holding a piece of text) to bare numbers when writing assertions.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

# A 1×1 transparent PNG: a real image, so nothing downstream chokes on a fake one.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SRT = "1\n00:00:00,000 --> 00:00:02,000\nSeal the bag.\n"

COURSE_YAML = """\
org: UNODC
number: CC101
title: Chain of custody
language: en
self_paced: false
runs:
  - id: 2027_T1
    start: 2027-01-15
    end: 2027-06-30
    enrollment_start: 2026-12-01
    enrollment_end: 2027-01-31
grading:
  pass_mark: 0.6
  assignment_types:
    - type: Knowledge check
      short_label: KC
      weight: 0.4
      min_count: 1
      drop_count: 0
    - type: Final exam
      short_label: FE
      weight: 0.6
      min_count: 1
certificate:
  title: Certificate of completion
  signatories:
    - name: Course lead
      title: Trainer
about:
  short_description: Handling evidence from seizure to court.
  overview: about.md
  effort: "2:00"
  duration: 4 weeks
course_image: static/images/course-image.png
outline:
  - modules/01-basics
  - modules/02-practice
"""

ABOUT_MD = """\
## About this course

Who handles evidence, and how every transfer is recorded.
"""

BASICS_MODULE = """\
id: basics
title: Basics
lessons:
  - 01-welcome.md
  - 02-seizure.md
"""

WELCOME_MD = """\
---
id: welcome
title: Welcome
graded: Knowledge check
due: 2027-02-01
---

## What this course covers {#welcome-scope}

Evidence must be handled with care. See [seizure](02-seizure.md) and
[the sealing unit](02-seizure.md#seizure-sealing).

![A sealed evidence bag](../../static/images/diagram.png)

Download the [exhibit form](../../static/files/exhibit.pdf).

## Check your understanding {#welcome-check}

```quiz
id: welcome-q1
type: single
question: Who signs the custody form?
choices:
  - text: The officer who seizes the item
    correct: true
    feedback: Right.
  - text: Nobody
    feedback: Every transfer is signed.
explanation: Every person who handles the item signs.
```
"""

SEIZURE_MD = """\
---
id: seizure
title: Seizure
---

## Sealing the bag {#seizure-sealing}

Seal and label every bag.

```quiz
id: seizure-q1
type: numerical
question: How many signatures do two transfers need?
answer: 2
tolerance: 0
```

## Naming the exhibit {#seizure-naming}

```quiz
id: seizure-q2
type: text
question: What is the exhibit reference prefix?
answer: EX
```
"""

PRACTICE_MODULE = """\
id: practice
title: Practice
"""

EXAM_MD = """\
---
id: exam
title: Final exam
graded: Final exam
---

## Exam {#exam-main}

```quiz
id: exam-q1
type: multiple
question: Which items belong on the custody form?
choices:
  - text: Date and time
    correct: true
  - text: Signature
    correct: true
  - text: Weather
```

```quiz
id: exam-q2
type: dropdown
question: Who keeps the register?
choices:
  - text: The exhibits officer
    correct: true
  - text: The defendant
```

## Watch and discuss {#exam-watch}

```video
id: exam-video
title: Sealing a bag
youtube: dQw4w9WgXcQ
transcripts:
  en: ../../static/files/sealing.srt
```

```discussion
id: exam-discussion
title: Your own practice
```

```download
id: exam-form
title: Custody form
file: ../../static/files/exhibit.pdf
```
"""

BASE: dict[str, str | bytes] = {
    "course.yaml": COURSE_YAML,
    "about.md": ABOUT_MD,
    "modules/01-basics/module.yaml": BASICS_MODULE,
    "modules/01-basics/01-welcome.md": WELCOME_MD,
    "modules/01-basics/02-seizure.md": SEIZURE_MD,
    "modules/02-practice/module.yaml": PRACTICE_MODULE,
    "modules/02-practice/01-exam.md": EXAM_MD,
    "static/images/course-image.png": PNG,
    "static/images/diagram.png": PNG,
    "static/files/exhibit.pdf": PDF,
    "static/files/sealing.srt": SRT,
}

# Shorter names for the files the tests change most.
COURSE = "course.yaml"
BASICS = "modules/01-basics/module.yaml"
WELCOME = "modules/01-basics/01-welcome.md"
SEIZURE = "modules/01-basics/02-seizure.md"
PRACTICE = "modules/02-practice/module.yaml"
EXAM = "modules/02-practice/01-exam.md"


@dataclass(frozen=True)
class Edit:
    """Replace *old* (which must occur exactly once in the base file) with *new*."""

    old: str
    new: str

    def apply(self, text: str, name: str) -> str:
        count = text.count(self.old)
        if count != 1:
            raise AssertionError(f"Edit: {self.old!r} occurs {count} times in {name}, not once")
        return text.replace(self.old, self.new)


@dataclass(frozen=True)
class Edits:
    """Several :class:`Edit`\\ s to one file, applied in order."""

    edits: tuple[Edit, ...]

    def apply(self, text: str, name: str) -> str:
        for edit in self.edits:
            text = edit.apply(text, name)
        return text


Change = str | bytes | Edit | Edits | None


def course_files(
    changes: dict[str, Change] | None = None, base: dict | None = None
) -> dict[str, str | bytes]:
    """The base files with *changes* applied: text or bytes replace, an Edit edits, None removes."""
    files = dict(BASE if base is None else base)
    for name, change in (changes or {}).items():
        if change is None:
            files.pop(name, None)
        elif isinstance(change, Edit | Edits):
            original = files[name]
            assert isinstance(original, str), f"cannot edit binary file {name}"
            files[name] = change.apply(original, name)
        else:
            files[name] = change
    return files


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return folder


def write_course(folder: Path, changes: dict[str, Change] | None = None) -> Path:
    """Write the base course with *changes* into *folder* (created); return the folder."""
    return write_files(folder, course_files(changes))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the *occurrence*-th line of *text* that contains *needle*."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} (occurrence {occurrence}) not found")
