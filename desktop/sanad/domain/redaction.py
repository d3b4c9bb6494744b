"""Redacted copies of images: the rectangles to hide, how, and what the redaction made."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from sanad.domain import validation
from sanad.domain.errors import InvalidInput

MAX_BOXES = 200
"""More rectangles than anyone draws by hand: a bound on the work and on the custody event's size."""
_BOX_RE = re.compile(r"\s*([0-9]{1,6})\s*,\s*([0-9]{1,6})\s*,\s*([0-9]{1,6})\s*,\s*([0-9]{1,6})\s*")


class RedactMethod(str, enum.Enum):
    """How a rectangle is hidden: blurred beyond recognition, or filled with solid black."""

    BLUR = "blur"
    BLACK = "black"


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in pixels of the image as it is shown upright (after its EXIF orientation):
    `x`, `y` its top-left corner from the image's top-left, `width` and `height` at least 1."""

    x: int
    y: int
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Box:
        """A box from its text "X,Y,W,H" (whole pixels), as the CLI's --box takes it."""
        found = _BOX_RE.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            raise InvalidInput(f"box {validation.shown(text)} is not valid: give X,Y,WIDTH,HEIGHT in whole pixels, "
                               "like 120,40,200,150")
        return cls(*(int(part) for part in found.groups()))

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def to_json(self) -> list[int]:
        return [self.x, self.y, self.width, self.height]

    def __str__(self) -> str:
        return f"{self.x},{self.y},{self.width},{self.height}"


@dataclass(frozen=True, slots=True)
class EditableImage:
    """An image's pixels as redaction sees them (upright, in sRGB), for the editor to draw on; in
    memory only. `pixels` holds `height` rows of `width` pixels of `channels` bytes each (1 grey,
    3 RGB, 4 RGBA), top row first. `notice` says when opening it could not be recorded."""

    ern: str
    width: int
    height: int
    channels: int
    pixels: bytes = field(repr=False)
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The derivative a redaction made: a new item of the original's case."""

    ern: str
    sha256: str
    size: int
    media_type: str
    original_ern: str
    original_sha256: str
    method: RedactMethod
    boxes: tuple[Box, ...]

    def to_json(self) -> dict:
        return {
            "ern": self.ern, "sha256": self.sha256, "size": self.size, "media_type": self.media_type,
            "derived_from": self.original_ern, "original_sha256": self.original_sha256,
            "method": self.method.value, "boxes": [box.to_json() for box in self.boxes],
        }
