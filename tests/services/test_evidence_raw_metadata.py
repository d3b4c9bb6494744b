"""An item's verbatim metadata blocks, read one at a time for the app's Metadata tab."""

from __future__ import annotations

import pytest
from sanad.domain.errors import NotFound
from sanad.services import evidence
from sanad.services.intake import ingest
from sanad.services.shred import shred

from tests.services.test_intake import REF, gps_jpeg, new_case, write


@pytest.fixture
def photo(vault, tmp_path) -> str:
    new_case(vault)
    return ingest(vault, REF, [write(tmp_path / "in" / "photo.jpg", gps_jpeg())]).results[0].ern


def test_each_listed_block_reads_back_as_stored(vault, photo) -> None:
    with vault.reader() as uow:
        item = evidence.get_evidence(uow, photo)
        blocks = {name: evidence.raw_metadata_block(uow, photo.lower(), name) for name, _size in item.raw_metadata}
    assert "jpeg:APP1/Exif" in blocks
    assert {name: len(data) for name, data in blocks.items()} == dict(item.raw_metadata)
    assert blocks["jpeg:APP1/Exif"].startswith(b"Exif\x00")
    assert blocks["jpeg:APP1/Exif"] in gps_jpeg()  # verbatim, as the file held it


def test_an_unknown_block_or_item_is_named(vault, photo) -> None:
    with vault.reader() as uow, pytest.raises(NotFound, match=f"{photo} has no metadata block jpeg:APP9"):
        evidence.raw_metadata_block(uow, photo, "jpeg:APP9")
    with vault.reader() as uow, pytest.raises(NotFound, match="does not exist"):
        evidence.raw_metadata_block(uow, f"{REF}-E0099", "jpeg:APP1/Exif")


def test_a_shredded_item_has_no_blocks_left(vault, photo) -> None:
    shred(vault, photo, "consent withdrawn by the person filmed")
    with vault.reader() as uow:
        assert evidence.get_evidence(uow, photo).raw_metadata == ()
        with pytest.raises(NotFound):
            evidence.raw_metadata_block(uow, photo, "jpeg:APP1/Exif")
