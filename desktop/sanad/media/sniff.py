"""Media type by content, never by file name: a file's extension is a claim the file may not keep."""

from __future__ import annotations

import codecs
import re
import struct

OCTET_STREAM = "application/octet-stream"

_OOXML = (  # (folder inside the ZIP, media type, extension)
    ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
)
_ODF_OR_EPUB = re.compile(rb"application/(vnd\.oasis\.opendocument\.[a-z.-]+|epub\+zip)")
_CFB_STREAMS = (
    ("WordDocument", "application/msword"),
    ("Workbook", "application/vnd.ms-excel"),
    ("PowerPoint Document", "application/vnd.ms-powerpoint"),
)
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis"}
_HEIC_SEQUENCE_BRANDS = {b"hevc", b"hevx", b"hevm", b"hevs"}
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"mmp4", b"MSNV", b"f4v ",
}
_QUICKTIME_FIRST_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}

_OLE_EXTENSIONS = (".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".msg", ".pub", ".vsd")
_ZIP_EXTENSIONS = (".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".odg", ".epub", ".jar", ".apk")
_HEIF_EXTENSIONS = (".heic", ".heif", ".hif", ".heics", ".heifs")
# MP4, QuickTime and 3GP are one family that apps rename freely: such a name is not a disguise.
_BMFF_EXTENSIONS = (".mp4", ".m4v", ".m4a", ".mov", ".qt", ".3gp", ".3gpp", ".3g2", ".3gp2")
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "image/jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "image/tiff": (".tif", ".tiff", ".dng", ".nef", ".cr2", ".arw"),
    "image/heic": _HEIF_EXTENSIONS,
    "image/heif": _HEIF_EXTENSIONS,
    "image/heic-sequence": _HEIF_EXTENSIONS,
    "image/heif-sequence": _HEIF_EXTENSIONS,
    "image/avif": (".avif",),
    "video/mp4": (".mp4", *_BMFF_EXTENSIONS),
    "video/quicktime": (".mov", *_BMFF_EXTENSIONS),
    "video/3gpp": (".3gp", *_BMFF_EXTENSIONS),
    "video/3gpp2": (".3g2", *_BMFF_EXTENSIONS),
    "video/webm": (".webm",),
    "video/x-matroska": (".mkv", ".mka"),
    "video/x-msvideo": (".avi",),
    "video/ogg": (".ogv", ".ogg"),
    "audio/mp4": (".m4a", ".m4b", *_BMFF_EXTENSIONS),
    "audio/ogg": (".ogg", ".opus", ".oga"),
    "audio/amr": (".amr",),
    "audio/amr-wb": (".awb", ".amr"),
    "audio/mpeg": (".mp3",),
    "audio/aac": (".aac",),
    "audio/flac": (".flac",),
    "audio/wav": (".wav",),
    "application/pdf": (".pdf",),
    "application/zip": _ZIP_EXTENSIONS,
    "application/epub+zip": (".epub", ".zip"),
    "application/msword": _OLE_EXTENSIONS,
    "application/vnd.ms-excel": _OLE_EXTENSIONS,
    "application/vnd.ms-powerpoint": _OLE_EXTENSIONS,
    "text/plain": (".txt",),
    **{media_type: (extension, ".zip") for _, media_type, extension in _OOXML},
}
_ODF_EXTENSIONS = {"text": ".odt", "spreadsheet": ".ods", "presentation": ".odp", "graphics": ".odg"}
_BINARY_CONTROLS = bytes(sorted(set(range(0x20)) - set(b"\t\n\v\f\r\x1b")))
_KNOWN_EXTENSIONS = {ext for exts in _EXTENSIONS.values() for ext in exts} | set(_ODF_EXTENSIONS.values())


def sniff_media_type(head: bytes) -> str:
    """The IANA media type of a file from its first bytes (give at least 4096 when the file has them)."""
    for check in (_images, _iso_bmff, _riff, _audio, _documents):
        found = check(head)
        if found:
            return found
    return "text/plain" if _is_text(head) else OCTET_STREAM


def extension_for(media_type: str) -> str:
    """The usual extension (with its dot) for a media type; ".bin" when Sanad has none."""
    if media_type.startswith("application/vnd.oasis.opendocument."):
        return _ODF_EXTENSIONS.get(media_type.rsplit(".", 1)[-1], ".zip")
    return _EXTENSIONS.get(media_type, (".bin",))[0]


def extension_mismatch(name: str, media_type: str) -> bool:
    """True when the name's extension claims a type that the content is not.

    Extensions Sanad does not know (".dat", ".csv") and names without one never count as lies.
    """
    dot = name.rfind(".")
    if dot <= 0 or media_type == OCTET_STREAM:
        return False
    extension = name[dot:].lower()
    if extension not in _KNOWN_EXTENSIONS:
        return False
    if media_type.startswith("application/vnd.oasis.opendocument."):
        return extension not in (extension_for(media_type), ".zip")
    return extension not in _EXTENSIONS.get(media_type, ())


def _images(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "image/tiff"
    return None


def _iso_bmff(head: bytes) -> str | None:
    """ISO base media files (MP4, QuickTime, 3GP, HEIF) by the brands of their `ftyp` box."""
    if len(head) < 12:
        return None
    if head[4:8] != b"ftyp":
        return "video/quicktime" if head[4:8] in _QUICKTIME_FIRST_BOXES and _box_size_plausible(head) else None
    size = struct.unpack(">I", head[:4])[0]
    major = head[8:12]
    brands = {major} | {head[i : i + 4] for i in range(16, min(size, len(head), 256) - 3, 4)}
    if major in _HEIC_BRANDS or (major in (b"mif1", b"msf1") and brands & _HEIC_BRANDS):
        return "image/heic"
    if major in _HEIC_SEQUENCE_BRANDS:
        return "image/heic-sequence"
    if major == b"avif":
        return "image/avif"
    if major == b"mif1":
        return "image/heif"
    if major == b"msf1":
        return "image/heif-sequence"
    if major == b"qt  ":
        return "video/quicktime"
    if major.startswith(b"3g2"):
        return "video/3gpp2"
    if major.startswith((b"3gp", b"3ge", b"3gg", b"3gs")):
        return "video/3gpp"
    if major in (b"M4A ", b"M4B ", b"M4P "):
        return "audio/mp4"
    if major not in _MP4_BRANDS and b"qt  " in brands:
        return "video/quicktime"
    return "video/mp4"


def _box_size_plausible(head: bytes) -> bool:
    size = struct.unpack(">I", head[:4])[0]
    return size in (0, 1) or size >= 8


def _riff(head: bytes) -> str | None:
    if not head.startswith(b"RIFF") or len(head) < 12:
        return None
    return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}.get(head[8:12])


def _audio(head: bytes) -> str | None:
    if head.startswith(b"OggS"):
        return "video/ogg" if b"\x80theora" in head[:512] else "audio/ogg"
    if head.startswith(b"#!AMR\n"):
        return "audio/amr"
    if head.startswith(b"#!AMR-WB\n"):
        return "audio/amr-wb"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _matroska(head)
    if head.startswith(b"ID3") and len(head) >= 10:
        tag_end = 10 + (head[6] << 21 | head[7] << 14 | head[8] << 7 | head[9])
        return "audio/flac" if head[tag_end : tag_end + 4] == b"fLaC" else "audio/mpeg"
    return _mpeg_frame(head)


def _matroska(head: bytes) -> str:
    at = head.find(b"\x42\x82", 4, 64)
    if at > 0 and at + 3 <= len(head) and head[at + 2] & 0x80:
        length = head[at + 2] & 0x7F
        if head[at + 3 : at + 3 + length] == b"webm":
            return "video/webm"
    return "video/x-matroska"


def _mpeg_frame(head: bytes) -> str | None:
    """An MPEG audio or ADTS frame header at the start: sync bits and valid field values."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    layer = (head[1] >> 1) & 0x03
    if layer == 0:
        return "audio/aac" if head[1] & 0xF6 == 0xF0 and (head[2] >> 2) & 0x0F < 13 else None
    version = (head[1] >> 3) & 0x03
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0x03
    if version == 1 or bitrate in (0, 15) or rate == 3:
        return None
    return "audio/mpeg"


def _documents(head: bytes) -> str | None:
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        for stream, media_type in _CFB_STREAMS:
            if stream.encode("utf-16-le") in head:
                return media_type
        return "application/msword"
    if head.startswith(b"PK\x03\x04"):
        return _zip(head)
    return None


def _zip(head: bytes) -> str:
    """OOXML and ODF by the local file headers within `head`; a plain ZIP otherwise."""
    names: list[str] = []
    at = 0
    while head[at : at + 4] == b"PK\x03\x04" and at + 30 <= len(head) and len(names) < 64:
        flags, method = struct.unpack("<HH", head[at + 6 : at + 10])
        compressed, name_len, extra_len = struct.unpack("<I4xHH", head[at + 18 : at + 30])
        name = head[at + 30 : at + 30 + name_len].decode("utf-8", "replace")
        data_at = at + 30 + name_len + extra_len
        if not names and name == "mimetype" and method == 0:
            found = _ODF_OR_EPUB.fullmatch(head[data_at : data_at + compressed].strip())
            if found:
                return found.group(0).decode("ascii")
        names.append(name)
        # With a data descriptor (flag bit 3) the sizes come after the data: find the next header.
        at = head.find(b"PK\x03\x04", data_at) if flags & 0x08 else data_at + compressed
    if "[Content_Types].xml" in names:
        for prefix, media_type, _ in _OOXML:
            if any(name.startswith(prefix) for name in names):
                return media_type
    return "application/zip"


def _is_text(head: bytes) -> bool:
    """Valid UTF-8 (a character cut at the end of `head` allowed) without NULs or binary controls."""
    if not head or len(head.translate(None, _BINARY_CONTROLS)) != len(head):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
