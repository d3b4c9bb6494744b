"""Media type by content: each type phones and messengers produce, made for real where a library can."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanad.media.sniff import extension_for, extension_mismatch, sniff_media_type
from tests.media import makers

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"


def _ooxml(folder: str) -> bytes:
    return makers.office_zip([
        ("[Content_Types].xml", b"<?xml version='1.0'?><Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        (f"{folder}/document.xml", b"<document/>" * 50),
    ])


CASES = {
    "image/jpeg": lambda: makers.still("JPEG"),
    "image/png": lambda: makers.still("PNG"),
    "image/webp": lambda: makers.still("WEBP"),
    "image/gif": lambda: makers.still("GIF"),
    "image/tiff": lambda: makers.still("TIFF"),
    "image/heic": lambda: makers.still("HEIF"),
    "video/mp4": lambda: makers.video("mp4", seconds=0.3),
    "video/quicktime": lambda: makers.video("mov", seconds=0.3),
    "video/3gpp": lambda: makers.video("3gp", seconds=0.3),
    "video/x-matroska": lambda: makers.video("matroska", seconds=0.3),
    "audio/ogg": lambda: makers.audio("ogg", "libopus", 48000, frames=3),
    "audio/mp4": lambda: makers.audio("ipod", "aac", 44100, frames=3),
    "audio/amr": lambda: makers.audio("amr", "libopencore_amrnb", 8000, frames=3),
    "audio/mpeg": lambda: makers.audio("mp3", "libmp3lame", 44100, frames=3),
    "audio/wav": lambda: makers.audio("wav", "pcm_s16le", 8000, frames=3),
    "video/webm": lambda: b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x84webm\x42\x87\x81\x04" + bytes(64),
    "application/pdf": lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
    "application/msword": lambda: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "WordDocument".encode("utf-16-le"),
    "application/vnd.ms-excel": lambda: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "Workbook".encode("utf-16-le"),
    DOCX: lambda: _ooxml("word"),
    XLSX: lambda: _ooxml("xl"),
    PPTX: lambda: _ooxml("ppt"),
    ODT: lambda: makers.office_zip([("mimetype", ODT.encode()), ("content.xml", b"<office/>")], first_stored=True),
    "application/zip": lambda: makers.office_zip([("notes.txt", b"hello")]),
    "text/plain": lambda: "شاهد: القصف بدأ الساعة ٣\nwitness statement\n".encode(),
}


@pytest.mark.parametrize("expected", sorted(CASES))
def test_each_type_is_recognised_by_content(expected: str) -> None:
    data = CASES[expected]()
    assert sniff_media_type(data[:4096]) == expected


def test_heif_brands_and_old_quicktime() -> None:
    def ftyp(major: bytes, *compatible: bytes) -> bytes:
        body = major + bytes(4) + b"".join(compatible)
        return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + bytes(64)

    assert sniff_media_type(ftyp(b"mif1", b"mif1", b"heic")) == "image/heic"
    assert sniff_media_type(ftyp(b"heix", b"mif1")) == "image/heic"
    assert sniff_media_type(ftyp(b"mif1", b"mif1")) == "image/heif"
    assert sniff_media_type(ftyp(b"msf1", b"msf1")) == "image/heif-sequence"
    assert sniff_media_type(ftyp(b"hevc", b"msf1")) == "image/heic-sequence"
    assert sniff_media_type(ftyp(b"3gp5", b"3gp5")) == "video/3gpp"
    assert sniff_media_type(ftyp(b"3g2a", b"3g2a")) == "video/3gpp2"
    assert sniff_media_type(ftyp(b"M4A ", b"isom")) == "audio/mp4"
    assert sniff_media_type(b"\x00\x00\x00\x08wide\x00\x00\x10\x00mdat" + bytes(64)) == "video/quicktime"


def test_ooxml_written_as_a_stream_with_data_descriptors() -> None:
    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk) -> int:
            self.data += chunk
            return len(chunk)

    sink = Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>" * 20)
        archive.writestr("_rels/.rels", b"<Relationships/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    assert struct.unpack("<H", sink.data[6:8])[0] & 0x08  # sizes follow the data
    assert sniff_media_type(bytes(sink.data)) == XLSX


def test_mp3_without_id3_tag_is_found_by_its_frame_header() -> None:
    data = makers.audio("mp3", "libmp3lame", 44100, frames=3, options={"id3v2_version": "0", "write_xing": "0"})
    assert data[0] == 0xFF
    assert sniff_media_type(data) == "audio/mpeg"


def test_opus_voice_note_in_ogg() -> None:
    data = makers.audio("ogg", "libopus", 48000, frames=3)
    assert b"OpusHead" in data[:100]
    assert sniff_media_type(data) == "audio/ogg"


def test_cut_heads_and_junk() -> None:
    assert sniff_media_type(b"") == "application/octet-stream"
    assert sniff_media_type(b"\xff\xd8") == "application/octet-stream"
    assert sniff_media_type(b"hello\x00world") == "application/octet-stream"
    noise = random.Random(7).randbytes(4096)
    assert sniff_media_type(b"\x00\x01" + noise) == "application/octet-stream"
    # UTF-8 cut in the middle of a character at the end of the head is still text.
    assert sniff_media_type("قصف".encode()[:-1]) == "text/plain"


def test_extension_that_lies_is_flagged() -> None:
    png = makers.still("PNG")
    media_type = sniff_media_type(png)
    assert extension_mismatch("photo.jpg", media_type)
    assert extension_mismatch("IMG_0001.HEIC", "image/jpeg")
    assert extension_mismatch("statement.pdf", DOCX)
    assert not extension_mismatch("photo.PNG", media_type)
    assert not extension_mismatch("photo.jpeg", "image/jpeg")
    assert not extension_mismatch("IMG_0001.heic", "image/heic")
    assert not extension_mismatch("report.docx", DOCX)
    assert not extension_mismatch("report.odt", ODT)
    assert not extension_mismatch("budget.xls", "application/msword")  # CFB types are told apart loosely
    assert not extension_mismatch("clip.mov", "video/mp4")  # renamed within the MP4 family, not disguised
    assert extension_mismatch("clip.mp4", "image/jpeg")
    assert not extension_mismatch("export.dat", "image/png")  # an unknown extension claims nothing
    assert not extension_mismatch("README", "text/plain")
    assert not extension_mismatch("photo.jpg", "application/octet-stream")


def test_extension_for() -> None:
    assert extension_for("image/jpeg") == ".jpg"
    assert extension_for("video/quicktime") == ".mov"
    assert extension_for("audio/ogg") == ".ogg"
    assert extension_for(DOCX) == ".docx"
    assert extension_for(ODT) == ".odt"
    assert extension_for("application/x-unknown") == ".bin"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    assert isinstance(sniff_media_type(data), str)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([b"PK\x03\x04", b"\x00\x00\x00\x18ftyp", b"ID3", b"OggS", b"\x1a\x45\xdf\xa3", b"RIFF"]),
       st.binary(max_size=300))
def test_never_raises_after_a_known_magic(magic: bytes, rest: bytes) -> None:
    assert isinstance(sniff_media_type(magic + rest), str)
