"""Video and audio through PyAV (FFmpeg): container tags, streams, QuickTime locations, a frame.

Phones write their position as ISO 6709 text: QuickTime's `©xyz` and 3GPP's `loci` (both shown by
FFmpeg as `location`) and Apple's `com.apple.quicktime.location.ISO6709` in the `mdta` keys.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, BinaryIO

import av
from PIL import Image

from sanad.domain.media import GeoPoint
from sanad.media.collect import Draft, describe
from sanad.media.libs import FFMPEG_DEMUXERS

_MAX_STREAMS = 32
_MAX_PACKETS = 300
_LOCATION_TAGS = ("com.apple.quicktime.location.ISO6709", "location", "location-eng")
_TIME_TAGS = ("com.apple.quicktime.creationdate", "creation_time")
_MAKE_TAGS = ("com.apple.quicktime.make", "com.android.manufacturer", "make")
_MODEL_TAGS = ("com.apple.quicktime.model", "com.android.model", "model")
_SOFTWARE_TAGS = ("com.apple.quicktime.software", "encoder")
_ISO6709 = re.compile(r"([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)?(?:CRS[A-Za-z0-9_:]*)?/?")
_ROTATIONS = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def read_av(stream: BinaryIO, draft: Draft) -> None:
    """Container, duration, codecs and tags of a video or audio file of `draft.meta.media_type`.

    Each stream is its own step: a stream that a damaged file leaves half-described costs only itself.
    """
    with _open(stream, draft.meta.media_type) as container:
        draft.update(container=container.format.name)
        if container.duration is not None and container.duration > 0:
            draft.update(duration_s=container.duration / av.time_base)
        tags = {str(key): str(value) for key, value in container.metadata.items()}
        for key, value in tags.items():
            draft.add_field(f"Container.{key}", value)
        _tags(tags, draft)
        for stream_ in list(container.streams)[:_MAX_STREAMS]:
            try:
                _stream(stream_, draft)
            except Exception as exc:
                draft.error(f"Stream {stream_.index} could not be read: {describe(exc)}")


def _open(stream: BinaryIO, media_type: str) -> Any:
    if media_type not in FFMPEG_DEMUXERS:
        raise ValueError(f"Sanad does not read {media_type} files with FFmpeg")
    stream.seek(0)
    return av.open(stream, format=FFMPEG_DEMUXERS[media_type], metadata_errors="ignore")


def _stream(stream: Any, draft: Draft) -> None:
    prefix = f"Stream {stream.index}"
    draft.add_field(f"{prefix}.type", stream.type)
    for key, value in stream.metadata.items():
        draft.add_field(f"{prefix}.{key}", str(value))
    context = stream.codec_context
    if context is None:
        draft.error(f"Stream {stream.index} has no codec parameters (damaged or unsupported).")
        return
    codec = context.codec.canonical_name
    draft.add_field(f"{prefix}.codec", codec)
    if stream.type == "video" and draft.meta.video_codec is None:
        rate = stream.average_rate or stream.guessed_rate
        draft.update(video_codec=codec, width=context.width or None, height=context.height or None,
                     frame_rate=str(rate) if rate else None)
    elif stream.type == "audio":
        draft.add_field(f"{prefix}.sample_rate", str(context.sample_rate))
        draft.add_field(f"{prefix}.channels", str(context.channels))
        draft.update(audio_codec=draft.meta.audio_codec or codec)


def _tags(tags: dict[str, str], draft: Draft) -> None:
    draft.update(camera_make=_first(tags, _MAKE_TAGS), camera_model=_first(tags, _MODEL_TAGS),
                 software=_first(tags, _SOFTWARE_TAGS))
    for key in _TIME_TAGS:
        if tags.get(key, "").strip():
            try:
                captured_at, captured_at_utc = iso_time(tags[key])
                draft.update(captured_at=captured_at, captured_at_utc=captured_at_utc)
                break
            except ValueError as exc:
                draft.error(f"QuickTime {key} could not be read: {exc}")
    for key in _LOCATION_TAGS:
        if tags.get(key, "").strip():
            try:
                latitude, longitude, altitude = parse_iso6709(tags[key])
            except ValueError as exc:
                draft.error(f"QuickTime {key} could not be read: {exc}")
                continue
            draft.update(gps=GeoPoint(latitude, longitude, altitude, None, f"quicktime:{key}"))
            return


def _first(tags: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((tags[key].strip() for key in keys if tags.get(key, "").strip()), None)


def iso_time(text: str) -> tuple[str, str | None]:
    """(ISO 8601 with the written offset, RFC 3339 UTC) from a QuickTime date; UTC is None when naive."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 date and time: {text[:40]!r}") from None
    fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction
    offset = moment.utcoffset()
    if offset is None:
        return stamp, None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    utc = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"
    return f"{stamp}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}", utc


def parse_iso6709(text: str) -> tuple[float, float, float | None]:
    """(latitude, longitude, altitude in metres or None) from an ISO 6709 point such as
    "+35.4380+035.9840+012.000/", "+3526.28+03559.04/" or "+352616.8+0355904.0CRSWGS_84/"."""
    match = _ISO6709.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an ISO 6709 position: {text[:60]!r}")
    latitude, longitude = _angle(match[1], 2), _angle(match[2], 3)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"position out of range: {text[:60]!r}")
    return latitude, longitude, float(match[3]) if match[3] else None


def _angle(text: str, degree_digits: int) -> float:
    """Degrees from ±D.D, ±DM.M or ±DMS.S, told apart by the number of whole digits."""
    sign = -1 if text[0] == "-" else 1
    whole, _, fraction = text[1:].partition(".")
    tail = float(f"0.{fraction or 0}")
    if len(whole) <= degree_digits:
        return sign * (int(whole) + tail)
    if len(whole) == degree_digits + 2:
        minutes = int(whole[-2:]) + tail
        parts = (int(whole[:-2]), minutes, 0.0)
    elif len(whole) == degree_digits + 4:
        parts = (int(whole[:-4]), int(whole[-4:-2]), int(whole[-2:]) + tail)
    else:
        raise ValueError(f"{text!r} has {len(whole)} whole digits")
    if parts[1] >= 60 or parts[2] >= 60:
        raise ValueError(f"{text!r} has minutes or seconds of 60 or more")
    return sign * (parts[0] + parts[1] / 60 + parts[2] / 3600)


def video_frame(stream: BinaryIO, media_type: str, longest: int) -> Image.Image | None:
    """A frame from about one second in (the first frame if shorter), upright and at most
    `longest` pixels on its longest side; None for a sound recording (audio streams only)."""
    with _open(stream, media_type) as container:
        if not container.streams.video:
            if container.streams.audio:
                return None
            raise ValueError("no readable video stream was found")
        video = container.streams.video[0]
        duration = container.duration / av.time_base if container.duration else None
        target = 1.0 if duration is None or duration >= 2.0 else 0.0
        frame = None
        if target:
            try:
                container.seek(int(target / video.time_base), stream=video)
                frame = _decode_until(container, video, target)
                if frame is None:
                    container.seek(0)
            except av.FFmpegError:
                frame = None  # a failed seek leaves the demuxer where it was: at the start
        if frame is None:
            frame = _decode_until(container, video, 0.0)
        if frame is None:
            raise ValueError("no video frame could be decoded")
        return _upright(frame, video, longest)


def _decode_until(container: Any, video: Any, target: float) -> Any:
    """The first frame at or after `target` seconds, or the last decoded within the packet cap."""
    last = None
    for count, packet in enumerate(container.demux(video)):
        if count >= _MAX_PACKETS:
            break
        try:
            frames = packet.decode()
        except av.FFmpegError:
            continue
        for frame in frames:
            last = frame
            if frame.time is None or frame.time >= target:
                return frame
    return last


def _upright(frame: Any, video: Any, longest: int) -> Image.Image:
    aspect = video.sample_aspect_ratio or 1
    width, height = frame.width * aspect, frame.height
    scale = min(1.0, longest / max(width, height))
    image = frame.to_image(width=max(1, round(width * scale)), height=max(1, round(height * scale)))
    turn = _ROTATIONS.get(round(frame.rotation or 0) % 360)
    return image.transpose(turn) if turn else image
