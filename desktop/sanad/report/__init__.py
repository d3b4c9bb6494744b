"""The PDF case report, drawn with Qt (QTextDocument to QPdfWriter)."""
