"""State of an information step (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.core.fields import text_list

MAX_POINTS = 12


@dataclass(frozen=True)
class InfoSlide:
    """Short points shown on the projector, an optional discussion prompt and a credit."""

    points: tuple[str, ...] = field(default_factory=tuple)
    prompt: str = ""
    source: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {"points": list(self.points), "prompt": self.prompt, "source": self.source}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> InfoSlide:
        points = text_list(doc, "points", "the slide", [])
        if len(points) > MAX_POINTS:
            raise DocumentError(f"the slide has {len(points)} points; at most {MAX_POINTS} fit")
        return cls(
            points=tuple(points),
            prompt=doc_field(doc, "prompt", str, "the slide", ""),
            source=doc_field(doc, "source", str, "the slide", ""),
        )

    def without_results(self) -> InfoSlide:
        return self

    def with_points_text(self, text: str) -> InfoSlide:
        """A copy whose points are the non-empty lines of ``text``."""
        points = tuple(line.strip() for line in text.splitlines() if line.strip())
        return replace(self, points=points[:MAX_POINTS])

    def with_prompt(self, prompt: str) -> InfoSlide:
        return replace(self, prompt=prompt.strip())
