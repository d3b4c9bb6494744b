"""Full-text search over cases, incidents and statements, inside the encrypted database.

The FTS5 table `search_index` (trigram tokenizer) is filled by triggers with text folded by
`sanad_normalize()`, which is `normalize_for_search`; queries are folded the same way, so
قصف finds بالقصف, أحمد finds احمد and Tartus finds Tartûs. Each word of three or more letters
must occur (inside words too); shorter words are checked as plain substrings of the matches.
Snippets are cut from the original text, with its own spelling, around the first match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text

from sanad.domain import validation as v
from sanad.domain.errors import InvalidInput
from sanad.domain.paging import Page
from sanad.domain.search import SearchHit
from sanad.domain.text import normalize_for_search, snippet
from sanad.services.cases import case_id_for
from sanad.vault.schema import cases, incidents, persons, statement_versions, statements
from sanad.vault.unit_of_work import UnitOfWork

MIN_QUERY = 3
MAX_QUERY = 500
PAGE_SIZE = 50


def search(
    uow: UnitOfWork,
    query: str,
    *,
    case_ref: str | None = None,
    limit: int | None = PAGE_SIZE,
    offset: int = 0,
) -> Page[SearchHit]:
    """Records matching every word of `query`, best matches (FTS5's bm25 rank) first; `total`
    counts them all, while titles and snippets are read for this page only."""
    v.paging(limit, offset)
    folded = normalize_for_search(v.clean_text(query, "search text", max_len=MAX_QUERY))
    if len(folded) < MIN_QUERY:
        raise InvalidInput(
            f"search text {v.shown(query)} is too short: give at least {MIN_QUERY} letters or "
            "digits (marks such as tashkeel do not count)"
        )
    words = folded.split()
    long_words = [word for word in words if len(word) >= MIN_QUERY]
    terms = long_words or [folded]
    short_words = [word for word in words if len(word) < MIN_QUERY] if long_words else []
    where = ["search_index MATCH :match"]
    params: dict[str, Any] = {"match": " ".join(_quoted(term) for term in terms)}
    for index, word in enumerate(short_words):
        where.append(f"instr(search_index.body, :short{index}) > 0")
        params[f"short{index}"] = word
    if case_ref is not None:
        where.append("search_index.case_id = :case_id")
        params["case_id"] = case_id_for(uow, case_ref)
    condition = " AND ".join(where)
    total = uow.conn.execute(
        text(f"SELECT count(*) FROM search_index WHERE {condition}"), params
    ).scalar_one()
    # numbers, not bound values: see engine._NumericLimitCompiler
    paging = f" LIMIT {-1 if limit is None else int(limit)} OFFSET {int(offset)}"
    rows = uow.conn.execute(
        text(
            "SELECT search_index.kind, search_index.owner_id, cases.ref AS case_ref "
            "FROM search_index JOIN cases ON cases.id = search_index.case_id "
            f"WHERE {condition} ORDER BY search_index.rank{paging}"
        ),
        params,
    ).all()
    display = _display(uow, rows)
    items = []
    for row in rows:
        title, original, ref = display.get(row.owner_id, ("", "", ""))
        items.append(
            SearchHit(
                kind=row.kind,
                owner_id=row.owner_id,
                case_ref=row.case_ref,
                title=title,
                snippet=snippet(original, tuple(terms)),
                ref=ref,
            )
        )
    return Page(items=tuple(items), total=total, offset=offset, limit=limit)


def _quoted(term: str) -> str:
    """An FTS5 string: every character literal, so no query syntax can break the search."""
    return '"' + term.replace('"', '""') + '"'


def _display(uow: UnitOfWork, rows: Sequence[Any]) -> dict[str, tuple[str, str, str]]:
    """{owner_id: (title, original text, ref within the case)} of the hits, one query per kind."""
    display: dict[str, tuple[str, str, str]] = {}
    case_ids = [row.owner_id for row in rows if row.kind == "case"]
    if case_ids:
        for row in uow.conn.execute(select(cases).where(cases.c.id.in_(case_ids))):
            display[row.id] = (row.title, f"{row.title} {row.summary}", "")
    incident_ids = [row.owner_id for row in rows if row.kind == "incident"]
    if incident_ids:
        for row in uow.conn.execute(select(incidents).where(incidents.c.id.in_(incident_ids))):
            parts = (row.title, row.description, row.place_name, row.admin_area)
            label = f"I-{row.number:03d}"
            display[row.id] = (
                f"{label} {row.title}",
                " ".join(part for part in parts if part),
                label,
            )
    statement_ids = [row.owner_id for row in rows if row.kind == "statement"]
    if statement_ids:
        current = (
            select(statements.c.id, statements.c.ref, persons.c.code, statement_versions.c.text)
            .join(persons, persons.c.id == statements.c.person_id)
            .join(
                statement_versions,
                (statement_versions.c.statement_id == statements.c.id)
                & (statement_versions.c.version == statements.c.current_version),
            )
            .where(statements.c.id.in_(statement_ids))
        )
        for row in uow.conn.execute(current):
            display[row.id] = (f"{row.ref} ({row.code})", row.text, row.ref)
    return display
