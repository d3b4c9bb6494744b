"""The desktop app (PySide6): windows, dialogs and Qt item models over the services."""
