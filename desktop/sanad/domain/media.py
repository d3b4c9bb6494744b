"""What Sanad read from a media file's embedded metadata (EXIF, QuickTime/MP4 tags, PNG text).

Values are kept as the device wrote them where possible; `errors` names each parsing step
that failed and why, because a corrupt file is still evidence and the gap must be visible.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """A position in decimal degrees (WGS 84). `source` names the tag it came from,
    e.g. "exif", "quicktime:location", "quicktime:com.apple.quicktime.location.ISO6709"."""

    latitude: float
    longitude: float
    altitude_m: float | None
    direction_deg: float | None
    source: str

    def to_json(self) -> dict:
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "altitude_m": self.altitude_m,
            "direction_deg": self.direction_deg,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class MediaMetadata:
    """Embedded metadata of one file.

    `captured_at` is ISO 8601 as the device wrote it, with its UTC offset when one is known
    (naive otherwise); `captured_at_utc` is RFC 3339 with `Z`, set only when the offset is known.
    `fields` holds every parsed tag as (readable name, readable value), sorted and bounded.
    """

    media_type: str
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    captured_at: str | None = None
    captured_at_utc: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    software: str | None = None
    orientation: int | None = None
    gps: GeoPoint | None = None
    container: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    frame_rate: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    errors: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "media_type": self.media_type,
            "width": self.width,
            "height": self.height,
            "duration_s": self.duration_s,
            "captured_at": self.captured_at,
            "captured_at_utc": self.captured_at_utc,
            "camera_make": self.camera_make,
            "camera_model": self.camera_model,
            "software": self.software,
            "orientation": self.orientation,
            "gps": self.gps.to_json() if self.gps else None,
            "container": self.container,
            "video_codec": self.video_codec,
            "audio_codec": self.audio_codec,
            "frame_rate": self.frame_rate,
            "fields": [[name, value] for name, value in self.fields],
            "errors": list(self.errors),
        }
