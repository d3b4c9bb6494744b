"""The one exception the bundle formats raise (standard library only: the verifier ships alone)."""


class BundleError(ValueError):
    """A bundle, or one of its formats, is malformed, tampered with or hostile; str() is one line
    naming the item and the cause."""
