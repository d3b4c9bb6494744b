"""Errors every layer raises; the CLI maps them to one-line messages and exit codes."""


class SanadError(Exception):
    """Base class. str(err) is a complete, user-facing sentence naming the item and the cause."""

    exit_code = 1


class InvalidInput(SanadError):
    exit_code = 2


class DamageError(SanadError):
    """Stored data failed an integrity check (corrupt, truncated, tampered)."""

    exit_code = 1


class Cancelled(SanadError):
    exit_code = 1


class WrongPassphrase(SanadError):
    exit_code = 2


class VaultBusy(SanadError):
    """Another process holds the vault open for writing."""

    exit_code = 1


class NotFound(InvalidInput):
    pass


class PermissionDenied(InvalidInput):
    pass


class RolledBack(DamageError):
    """The database is behind a point this vault or this device sealed earlier (a restored backup,
    a rollback): it opens read-only until the newer database is put back or an admin accepts it."""
