"""A seized vault folder holds nothing readable: no marker string survives anywhere on disk."""

from __future__ import annotations

import os

from sanad.domain.enums import PersonRole
from sanad.services import cases, people, statements
from sanad.vault.blob_format import new_data_key

MARKERS = ("MARKER-CASE-TITLE-7d1f", "MARKER-WITNESS-NAME-92ab", "MARKER-STATEMENT-TEXT-c3e4",
           "MARKER-BLOB-CONTENT-55aa", "شاهد-سري-علامة")


def _all_bytes(folder) -> bytes:
    chunks = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            chunks.append(name.encode())
            with open(os.path.join(root, name), "rb") as handle:
                chunks.append(handle.read())
    return b"\n".join(chunks)


def test_no_marker_on_disk_while_open_and_after_close(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LAT-2025-001", MARKERS[0] + " " + MARKERS[4])
        people.add_person(uow, "SY-LAT-2025-001", PersonRole.WITNESS, code="W-001", name=MARKERS[1])
        statements.add_statement(uow, "SY-LAT-2025-001", "W-001", MARKERS[2] + " " + MARKERS[4])
    key = new_data_key()
    written = vault.blobs.write_stream(key, [(MARKERS[3] + " ").encode() * 5000])
    with vault.blobs.open(written.blob_id, key, written.length) as reader:
        assert MARKERS[3].encode() in reader.read_at(0, 100)

    for moment in ("open", "closed"):
        data = _all_bytes(vault.path)
        for marker in MARKERS:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert marker.encode(encoding) not in data, (moment, marker, encoding)
        vault.close()
