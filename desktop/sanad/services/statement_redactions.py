"""Redacted export texts: a statement's words with names and contacts taken out, for export.

A redaction belongs to one version of a statement; editing the statement leaves the new version
without one, so an export never sends an old version's redaction in place of newer words. Each
is a signed record of its own (`statement_redaction`, the text as a commitment), so the statement's
own state and history stay as they were.
"""

from __future__ import annotations

from secrets import token_hex

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain import validation as v
from sanad.domain.errors import InvalidInput
from sanad.domain.statements import StatementRedaction
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import new_salt
from sanad.services.actors import actor_name, user_names
from sanad.services.cases import case_id_for
from sanad.services.identity_scan import IdentityScan
from sanad.services.record_states import statement_redaction_state
from sanad.services.statements import get_statement
from sanad.vault.schema import statement_redactions
from sanad.vault.unit_of_work import UnitOfWork


def redact_statement(uow: UnitOfWork, case_ref: str, statement_ref: str, text: str) -> StatementRedaction:
    """Keep `text` as the redacted export text of the statement's current version."""
    statement = get_statement(uow, case_ref, statement_ref)
    item = f"redacted export text of statement {statement.ref} of case {statement.case_ref}"
    text = v.clean_text(text, item, max_len=v.STATEMENT_MAX, required=True, multiline=True)
    if text == statement.text:
        raise InvalidInput(f"{item} equals the statement's text: it would take nothing out")
    case_id = case_id_for(uow, statement.case_ref)
    redaction_id = token_hex(16)
    uow.conn.execute(statement_redactions.insert().values(
        id=redaction_id, statement_id=statement.id, case_id=case_id, version=statement.version, text=text,
        text_salt=new_salt(), created_at=utc_timestamp(), created_by=uow.actor.user_id,
    ))
    uow.record(
        action="statement_redacted",
        subject_id=redaction_id,
        state=statement_redaction_state(uow.conn, redaction_id),
        details={"record": "statement_redaction", "ref": statement.ref, "code": statement.person_code,
                 "version": statement.version},
        case_id=case_id,
    )
    return _redaction(uow, redaction_id, statement.ref, statement.case_ref, IdentityScan.of_case(uow.conn, case_id))


def latest_redactions(conn: Connection, case_id: str) -> dict[tuple[str, int], str]:
    """{(statement id, version): redaction id} of the latest redaction of each version in the case."""
    rows = conn.execute(select(statement_redactions.c.id, statement_redactions.c.statement_id,
                               statement_redactions.c.version)
                        .where(statement_redactions.c.case_id == case_id)
                        .order_by(statement_redactions.c.created_at, statement_redactions.c.id))
    return {(row.statement_id, row.version): row.id for row in rows}


def redaction_text(conn: Connection, redaction_id: str) -> str:
    return conn.execute(select(statement_redactions.c.text)
                        .where(statement_redactions.c.id == redaction_id)).scalar_one()


def _redaction(uow: UnitOfWork, redaction_id: str, statement_ref: str, case_ref: str,
               scan: IdentityScan) -> StatementRedaction:
    row = uow.conn.execute(select(statement_redactions).where(statement_redactions.c.id == redaction_id)).one()
    return StatementRedaction(
        id=row.id, statement_ref=statement_ref, case_ref=case_ref, version=row.version, text=row.text,
        created_at=row.created_at, created_by_name=actor_name(user_names(uow.conn), row.created_by),
        still_names=scan.named_codes(row.text),
    )
