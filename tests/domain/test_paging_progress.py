import dataclasses

import pytest

from sanad.domain.cases import Case
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.domain.errors import Cancelled
from sanad.domain.paging import Page
from sanad.domain.progress import NullProgress, Progress, check_cancelled


def _case(ref: str) -> Case:
    return Case("id-" + ref, ref, "عنوان", "", CaseStatus.OPEN, Sensitivity.NORMAL, "t0", "t1")


def test_page_is_frozen_and_reports_more() -> None:
    page = Page(items=(_case("SY-001"),), total=3, offset=1, limit=1)
    assert page.has_more
    assert not Page(items=(), total=0, offset=0, limit=None).has_more
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.total = 4  # type: ignore[misc]


def test_page_to_json_uses_item_to_json() -> None:
    page = Page(items=(_case("SY-001"),), total=1, offset=0, limit=None)
    data = page.to_json()
    assert data["total"] == 1 and data["limit"] is None
    assert data["items"][0]["ref"] == "SY-001" and data["items"][0]["status"] == "open"
    assert Page(items=(1, 2), total=2, offset=0, limit=2).to_json(str)["items"] == ["1", "2"]


class _Recorder:
    def __init__(self) -> None:
        self.cancelled = False
        self.calls: list[tuple[int, int, str]] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        self.calls.append((done, total, text))


def _work(progress: Progress) -> int:
    for done in range(3):
        check_cancelled(progress, "the export")
        progress.report(done, 3, "step")
    return 3


def test_null_progress_never_cancels() -> None:
    assert _work(NullProgress()) == 3


def test_check_cancelled_raises_cancelled() -> None:
    progress = _Recorder()
    assert _work(progress) == 3
    assert progress.calls[-1] == (2, 3, "step")
    progress.cancelled = True
    with pytest.raises(Cancelled, match="^the export was cancelled at the user's request$"):
        _work(progress)
