"""A pass over a whole vault widens its connection's page cache, and gives the memory back after:
the app's pooled connection must not keep 128 MiB of decrypted pages once a verification is done."""

from __future__ import annotations

import pytest

from sanad.vault.engine import CACHE_KIB, WIDE_CACHE_KIB, wide_page_cache


def _cache_kib(conn) -> int:
    return -conn.exec_driver_sql("PRAGMA cache_size").scalar_one()


def test_the_wide_cache_lasts_for_its_pass_only(vault):
    with vault.engine.connect() as conn:
        assert _cache_kib(conn) == CACHE_KIB
        with wide_page_cache(conn):
            assert _cache_kib(conn) == WIDE_CACHE_KIB > CACHE_KIB
        assert _cache_kib(conn) == CACHE_KIB
        with pytest.raises(RuntimeError), wide_page_cache(conn):
            raise RuntimeError("a pass that fails half-way")
        assert _cache_kib(conn) == CACHE_KIB

