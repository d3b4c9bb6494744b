import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanad.vault.padme import padme


def reference_padme(length: int) -> int:
    """The paper's definition, written with floating-point logarithms (exact below 2**40)."""
    if length < 2:
        return length
    e = math.floor(math.log2(length))
    s = math.floor(math.log2(e)) + 1
    last_bits = e - s
    bit_mask = (1 << last_bits) - 1
    return (length + bit_mask) & ~bit_mask


@pytest.mark.parametrize(
    ("length", "padded"),
    [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (7, 7),
        (8, 8),
        (9, 10),  # E=3, S=2: one low bit cleared
        (11, 12),
        (15, 16),
        (17, 18),
        (100, 104),  # E=6, S=3: three low bits cleared
        (129, 144),  # E=7, S=3: four low bits cleared
        (1000, 1024),  # E=9, S=4: five low bits cleared
        (1025, 1088),
        (1 << 20, 1 << 20),
        ((1 << 20) + 1, (1 << 20) + (1 << 15)),  # E=20, S=5: fifteen low bits cleared
        ((1 << 30) + 1, (1 << 30) + (1 << 25)),
    ],
)
def test_known_values(length: int, padded: int) -> None:
    assert padme(length) == padded


def test_matches_the_paper_definition_for_small_lengths() -> None:
    for length in range(0, 70_000):
        assert padme(length) == reference_padme(length), length


def test_negative_length_is_rejected() -> None:
    with pytest.raises(ValueError):
        padme(-1)


def test_overhead_bounds() -> None:
    for length in range(1, 70_000):
        overhead = (padme(length) - length) / length
        assert overhead <= 0.12, length
        if length >= 256:
            assert overhead < 1 / 16, length


def test_few_distinct_sizes_per_power_of_two() -> None:
    # The leak: from 2**20 to 2**21 (E=20, S=5) there are only 2**S + 1 = 33 padded sizes.
    sizes = {padme(length) for length in range(1 << 20, 1 << 21, 997)}
    assert len(sizes) == 33


@given(st.integers(min_value=0, max_value=(1 << 40) - 1))
def test_agrees_with_reference(length: int) -> None:
    assert padme(length) == reference_padme(length)


@given(st.integers(min_value=0, max_value=1 << 64))
def test_padded_is_at_least_length_and_idempotent(length: int) -> None:
    padded = padme(length)
    assert padded >= length
    assert padme(padded) == padded


@given(st.integers(min_value=0, max_value=1 << 64), st.integers(min_value=0, max_value=1 << 64))
def test_monotonic(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert padme(low) <= padme(high)


@given(st.integers(min_value=256, max_value=1 << 64))
def test_overhead_shrinks_for_large_lengths(length: int) -> None:
    assert padme(length) - length < length / 16
