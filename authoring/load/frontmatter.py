"""Split a lesson file into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


@dataclass
class SplitLesson:
    front_matter: str | None  # None when the file has no front matter at all
    front_matter_line: int  # file line of the first front-matter line
    body: str
    body_line: int  # file line of the first body line
    unclosed: bool = False


def split_front_matter(text: str) -> SplitLesson:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return SplitLesson(None, 0, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in (FENCE, "..."):
            return SplitLesson(
                "\n".join(lines[1:index]),
                2,
                "\n".join(lines[index + 1 :]),
                index + 2,
            )
    return SplitLesson("\n".join(lines[1:]), 2, "", len(lines) + 1, unclosed=True)
