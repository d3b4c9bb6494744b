"""Every icon the window uses exists and draws (Qt's SVG engine is present in the wheel)."""

from __future__ import annotations

import pytest

from sanad.gui.icons import ICONS_DIR, icon


@pytest.mark.parametrize("name", sorted(path.stem for path in ICONS_DIR.glob("*.svg")))
def test_icon_draws(qapp, name):
    pixmap = icon(name).pixmap(32, 32)
    assert not pixmap.isNull() and not pixmap.toImage().allGray()


def test_the_window_uses_only_icons_that_exist():
    assert {"lock", "search", "cases", "users", "settings", "sanad"} <= {p.stem for p in ICONS_DIR.glob("*.svg")}
