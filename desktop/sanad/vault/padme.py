"""Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files
and Communication with PURBs", PETS 2019).

A padded length leaks O(log log L) bits of the true length L, at a cost of at
most about 12% overhead (less than 1/16 for lengths of 256 bytes and more).
"""


def padme(length: int) -> int:
    """Return the Padmé length for a plaintext of ``length`` bytes (always >= length)."""
    if length < 0:
        raise ValueError("length must not be negative")
    if length < 2:
        return length
    exponent = length.bit_length() - 1  # floor(log2 L)
    size_bits = exponent.bit_length()  # floor(log2 E) + 1
    last_bits = exponent - size_bits
    bit_mask = (1 << last_bits) - 1
    return (length + bit_mask) & ~bit_mask
