"""EXIF (a TIFF structure inside JPEG, HEIC, PNG, WebP): readable fields, capture time, device, GPS.

Parsing goes through Pillow's `Image.Exif`, which reads tags lazily and never decodes pixels.
Each IFD and each derived value is its own step, so one bad tag costs only itself.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from PIL import ExifTags, Image, TiffImagePlugin

from sanad.domain.media import GeoPoint
from sanad.media.collect import Draft, describe

_GROUPS = (
    (ExifTags.IFD.Exif, "Exif", ExifTags.TAGS),
    (ExifTags.IFD.GPSInfo, "GPS", ExifTags.GPSTAGS),
    (ExifTags.IFD.Interop, "Interop", ExifTags.TAGS),
    (ExifTags.IFD.IFD1, "Thumbnail", ExifTags.TAGS),
)
_POINTERS = frozenset({ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo, ExifTags.IFD.Interop})
# (date and time, offset, sub-seconds) tags, in order of preference.
_CAPTURE_TAGS = (
    (0x9003, 0x9011, 0x9291, "DateTimeOriginal"),
    (0x9004, 0x9012, 0x9292, "DateTimeDigitized"),
)
_DATE_TIME = re.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_PRINTABLE = string.printable.encode("ascii")


def read_exif(data: bytes | Image.Exif, draft: Draft, label: str = "EXIF") -> None:
    """Parse one EXIF block (with or without the `Exif\\0\\0` prefix), or the EXIF that Pillow
    read from a TIFF's own directories, into the draft."""
    if isinstance(data, Image.Exif):
        exif = data
    else:
        exif = Image.Exif()
        try:
            exif.load(data)
        except Exception as exc:
            draft.error(f"{label} could not be parsed: {describe(exc)}")
            return
    ifd0 = _tags(exif, "Image", ExifTags.TAGS, draft, label)
    ifds: dict[int, Mapping[int, Any]] = {}
    for tag, group, names in _GROUPS:
        try:
            ifds[tag] = exif.get_ifd(tag)
        except Exception as exc:
            draft.error(f"{label} {group} directory could not be parsed: {describe(exc)}")
            continue
        _tags(ifds[tag], group, names, draft, label)
    _device(ifd0, draft, label)
    sub_ifd = ifds.get(ExifTags.IFD.Exif, {})
    _capture_time(sub_ifd, draft, label)
    gps_ifd = ifds.get(ExifTags.IFD.GPSInfo)
    if gps_ifd:
        _gps(gps_ifd, draft, label)


def _tags(ifd: Any, group: str, names: Mapping[int, str], draft: Draft, label: str) -> dict[int, Any]:
    """Add each tag of one IFD as a field; return those that decoded."""
    values: dict[int, Any] = {}
    for tag in list(ifd.keys()):
        if tag in _POINTERS and group in ("Image", "Exif"):
            continue
        try:
            values[tag] = ifd[tag]
        except Exception as exc:
            draft.error(f"{label} tag {group}.0x{tag:04X} could not be read: {describe(exc)}")
            continue
        draft.add_field(f"{group}.{names.get(tag, f'0x{tag:04X}')}", render(values[tag]))
    return values


def render(value: Any) -> str:
    """A readable string for a tag value: text as text, rationals as fractions, binary as hex or size."""
    if isinstance(value, TiffImagePlugin.IFDRational):
        numerator, denominator = value.numerator, value.denominator
        return str(numerator) if denominator == 1 else f"{numerator}/{denominator}"
    if isinstance(value, bytes):
        text = value.rstrip(b"\x00")
        if text and not text.translate(None, _PRINTABLE):
            return text.decode("ascii")
        return value.hex(" ") if len(value) <= 64 else f"<{len(value)} bytes of binary data>"
    if isinstance(value, tuple):
        shown = ", ".join(render(item) for item in value[:64])
        return shown + (f", … ({len(value)} values)" if len(value) > 64 else "")
    if isinstance(value, str):
        return value.rstrip("\x00").strip()
    return str(value)


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    return value.replace("\x00", "").strip() or None


def _device(ifd0: Mapping[int, Any], draft: Draft, label: str) -> None:
    draft.update(
        camera_make=_text(ifd0.get(0x010F)) or draft.meta.camera_make,
        camera_model=_text(ifd0.get(0x0110)) or draft.meta.camera_model,
        software=_text(ifd0.get(0x0131)) or draft.meta.software,
    )
    orientation = ifd0.get(0x0112)
    if orientation is None:
        return
    if isinstance(orientation, int) and 1 <= orientation <= 8:
        draft.update(orientation=orientation)
    else:
        draft.error(f"{label} Orientation has an invalid value: {render(orientation)!r}")


def _capture_time(sub_ifd: Mapping[int, Any], draft: Draft, label: str) -> None:
    for date_tag, offset_tag, subsec_tag, name in _CAPTURE_TAGS:
        written = _text(sub_ifd.get(date_tag))
        if written is None:
            continue
        try:
            local, fraction = _local_time(written, _text(sub_ifd.get(subsec_tag)))
        except ValueError as exc:
            draft.error(f"{label} {name} could not be read: {exc}")
            continue
        draft.update(captured_at=local.strftime("%Y-%m-%dT%H:%M:%S") + fraction)
        offset = _text(sub_ifd.get(offset_tag))
        if offset and any(char.isdigit() for char in offset):  # "   :  " is a camera's blank
            try:
                captured_at, captured_at_utc = _with_offset(local, fraction, offset)
                draft.update(captured_at=captured_at, captured_at_utc=captured_at_utc)
            except ValueError as exc:
                draft.error(f"{label} UTC offset of {name} could not be read: {exc}")
        return


def _local_time(written: str, subsec: str | None) -> tuple[datetime, str]:
    """The date and time as the camera's clock showed it, and its fraction of a second as written."""
    match = _DATE_TIME.fullmatch(written.strip())
    if not match:
        raise ValueError(f"not an EXIF date and time: {written[:40]!r}")
    local = datetime(*(int(part) for part in match.groups()))  # rejects 0000:00:00 and the like
    return local, f".{subsec}" if subsec and subsec.isdigit() else ""


def _with_offset(local: datetime, fraction: str, offset: str) -> tuple[str, str]:
    """(ISO 8601 local time with its offset, RFC 3339 UTC time)."""
    found = _OFFSET.fullmatch(offset.strip())
    if not found or int(found[2]) > 14 or int(found[3]) > 59:
        raise ValueError(f"not a UTC offset: {offset[:20]!r}")
    sign = -1 if found[1] == "-" else 1
    zone = timezone(sign * timedelta(hours=int(found[2]), minutes=int(found[3])))
    utc = local.replace(tzinfo=zone).astimezone(timezone.utc)
    stamp = local.strftime("%Y-%m-%dT%H:%M:%S") + fraction
    return f"{stamp}{found[1]}{found[2]}:{found[3]}", utc.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def _gps(gps: Mapping[int, Any], draft: Draft, label: str) -> None:
    """The position is all or nothing; a bad altitude or direction only loses that value."""
    try:
        position = gps_position(gps)
    except (ArithmeticError, TypeError, ValueError) as exc:
        draft.error(f"{label} GPS position could not be read: {exc}")
        return
    if position is None:
        return
    altitude = direction = None
    try:
        if 6 in gps:
            altitude = _number(gps[6], "altitude") * (-1 if gps.get(5) in (1, b"\x01") else 1)
    except (ArithmeticError, TypeError, ValueError) as exc:
        draft.error(f"{label} GPS altitude could not be read: {exc}")
    try:
        if 17 in gps:
            direction = _number(gps[17], "image direction")
            if not 0 <= direction <= 360:
                raise ValueError(f"image direction out of range: {direction}")
    except (ArithmeticError, TypeError, ValueError) as exc:
        direction = None
        draft.error(f"{label} GPS image direction could not be read: {exc}")
    draft.update(gps=GeoPoint(position[0], position[1], altitude, direction, "exif"))


def gps_position(gps: Mapping[int, Any]) -> tuple[float, float] | None:
    """(latitude, longitude) in decimal degrees; None when the IFD holds no position.

    Raises ValueError for a position that cannot be read or lies out of range.
    """
    if 2 not in gps or 4 not in gps:
        return None
    latitude = _degrees(gps[2], "latitude") * _sign(gps.get(1), "NS", "latitude")
    longitude = _degrees(gps[4], "longitude") * _sign(gps.get(3), "EW", "longitude")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"position out of range: {latitude}, {longitude}")
    return latitude, longitude


def _degrees(value: Any, name: str) -> float:
    parts = value if isinstance(value, tuple) else (value,)
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"{name} has {len(parts)} parts, expected degrees, minutes, seconds")
    numbers = [_number(part, name) for part in parts]
    return sum(number / 60**index for index, number in enumerate(numbers))


def _number(value: Any, name: str) -> float:
    if isinstance(value, TiffImagePlugin.IFDRational) and value.denominator == 0:
        raise ValueError(f"{name} has a zero denominator")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} is not a finite number")
    return number


def _sign(reference: Any, letters: str, name: str) -> int:
    text = _text(reference)
    if text is None:
        raise ValueError(f"{name} reference (N/S or E/W) is missing")
    if text.upper() not in tuple(letters):
        raise ValueError(f"{name} reference is {text[:10]!r}, expected one of {letters}")
    return -1 if text.upper() == letters[1] else 1
