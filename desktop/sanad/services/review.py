"""Supervisor review of statements, incidents and evidence items: submit, approve, return.

Each step is a row of `review_steps` (append-only) signed by its own audit event, naming the
record's version then: a statement's version number; for an incident, the number of its signed
changes; for an evidence item, one more than the changes to its links and tags (its bytes never
change). So an approval covers exactly the version approved, and an edit puts the record back in
draft. A supervisor may not approve their own work: a record they wrote, changed or submitted
(`record_authors`, which `sanad audit verify` applies to every signed approval too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from secrets import token_hex

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from sanad.domain import validation as v
from sanad.domain.errors import InvalidInput, NotFound, PermissionDenied
from sanad.domain.review import (
    RecordReview,
    ReviewedKind,
    ReviewState,
    ReviewStep,
    StepTaken,
)
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import new_salt
from sanad.services.actors import actor_name, user_names
from sanad.services.cases import case_id_for
from sanad.services.record_states import review_step_state
from sanad.services.user_authority import require_right
from sanad.vault.schema import (
    audit_events,
    cases,
    evidence_items,
    evidence_links,
    incidents,
    review_steps,
    statements,
)
from sanad.vault.unit_of_work import UnitOfWork

COMMENT_MAX = v.NOTE_MAX
_ACTIONS = {ReviewStep.SUBMITTED: "review_submitted", ReviewStep.APPROVED: "review_approved",
            ReviewStep.RETURNED: "review_returned"}
OWN_WORK = "they wrote, changed or submitted it, and a supervisor may not approve their own work"


@dataclass(frozen=True, slots=True)
class _Record:
    kind: ReviewedKind
    record_id: str
    label: str  # ST-001, I-001 or the ERN


# ----- steps ------------------------------------------------------------------------------------

def submit(uow: UnitOfWork, case_ref: str, records: Sequence[str] = (), *, comment: str = ""
           ) -> tuple[RecordReview, ...]:
    """Submit records of the case for review; none named: every draft or returned record of it.
    A record already submitted or approved at its current version is refused by name."""
    ref, case_id = _case(uow, case_ref)
    text = _comment(comment, f"comment on the submission in case {ref}", required=False)
    if records:
        targets = _unique(_record(uow, case_id, ref, label) for label in records)
        states = _states(uow.conn, ref, case_id, targets)
        for target in targets:
            state = states[target.record_id]
            if state.state in (ReviewState.SUBMITTED, ReviewState.APPROVED):
                raise InvalidInput(f"{target.label} of case {ref} is already {state.state.value} "
                                   f"(version {state.version}); edit it first to submit a new version")
    else:
        states = _states(uow.conn, ref, case_id, _all_records(uow.conn, case_id))
        targets = [_Record(s.kind, s.record_id, s.record) for s in states.values()
                   if s.state in (ReviewState.DRAFT, ReviewState.RETURNED)]
        if not targets:
            raise InvalidInput(f"case {ref} has nothing to submit: every statement, incident and evidence "
                               "item is submitted or approved already")
    for target in targets:
        _take(uow, case_id, ref, target, states[target.record_id].version, ReviewStep.SUBMITTED, text)
    return tuple(_states(uow.conn, ref, case_id, targets).values())


def approve(uow: UnitOfWork, case_ref: str, record: str, *, comment: str = "") -> RecordReview:
    """Approve the submitted version of a record (a supervisor's, not their own work)."""
    return _decide(uow, case_ref, record, ReviewStep.APPROVED, comment)


def return_record(uow: UnitOfWork, case_ref: str, record: str, *, comment: str) -> RecordReview:
    """Send a submitted record back to its author with a comment saying what to change."""
    return _decide(uow, case_ref, record, ReviewStep.RETURNED, comment)


def _decide(uow: UnitOfWork, case_ref: str, record: str, step: ReviewStep, comment: str) -> RecordReview:
    action = _ACTIONS[step]
    require_right(uow.actor, action, "approve a record" if step is ReviewStep.APPROVED else "return a record")
    ref, case_id = _case(uow, case_ref)
    target = _record(uow, case_id, ref, record)
    text = _comment(comment, f"comment on returning {target.label}", required=step is ReviewStep.RETURNED)
    state = _states(uow.conn, ref, case_id, [target])[target.record_id]
    if state.state is not ReviewState.SUBMITTED:
        raise InvalidInput(_not_submitted(target.label, ref, state))
    if step is ReviewStep.APPROVED and uow.actor.user_id in record_authors(uow.conn, target.kind, target.record_id):
        raise PermissionDenied(f"{uow.actor.name} cannot approve {target.label} of case {ref}: {OWN_WORK}")
    _take(uow, case_id, ref, target, state.version, step, text)
    return _states(uow.conn, ref, case_id, [target])[target.record_id]


def _not_submitted(label: str, ref: str, state: RecordReview) -> str:
    if state.state is ReviewState.DRAFT and state.last is not None and state.last.step is ReviewStep.SUBMITTED:
        return (f"{label} of case {ref} was changed after it was submitted (version {state.last.version} was "
                f"submitted; version {state.version} is current): it must be submitted again")
    return f"{label} of case {ref} is not submitted for review; it is {state.state.value}"


def _take(uow: UnitOfWork, case_id: str, ref: str, target: _Record, version: int, step: ReviewStep,
          comment: str) -> None:
    step_id = token_hex(16)
    seq = uow.conn.execute(select(func.coalesce(func.max(review_steps.c.seq), 0) + 1)).scalar_one()
    uow.conn.execute(review_steps.insert().values(
        id=step_id, seq=seq, case_id=case_id, record_kind=target.kind.value, record_id=target.record_id,
        version=version, step=step.value, comment=comment, comment_salt=new_salt(), created_at=utc_timestamp(),
        created_by=uow.actor.user_id,
    ))
    uow.record(action=_ACTIONS[step], subject_id=step_id, state=review_step_state(uow.conn, step_id),
               details={"record": "review_step", "kind": target.kind.value, "ref": target.label,
                        "record_id": target.record_id, "version": version, "case_ref": ref},
               case_id=case_id)


# ----- reading ----------------------------------------------------------------------------------

def record_review(uow: UnitOfWork, case_ref: str, record: str) -> RecordReview:
    """The review state of one record (ST-001, I-001 or an ERN) of the case."""
    ref, case_id = _case(uow, case_ref)
    target = _record(uow, case_id, ref, record)
    return _states(uow.conn, ref, case_id, [target])[target.record_id]


def record_reviews(uow: UnitOfWork, case_ref: str, records: Sequence[str]) -> dict[str, RecordReview]:
    """The review state of each named record of the case, by the name given (a few queries for all:
    a table's Review column reads a page of rows at once)."""
    ref, case_id = _case(uow, case_ref)
    targets = {label: _record(uow, case_id, ref, label) for label in records}
    states = _states(uow.conn, ref, case_id, _unique(targets.values()))
    return {label: states[target.record_id] for label, target in targets.items()}


def case_reviews(conn: Connection, case_ref: str, case_id: str) -> dict[str, RecordReview]:
    """Every reviewed record of a case by its id (for exports, case.json and the checklist)."""
    return _states(conn, case_ref, case_id, _all_records(conn, case_id))


def review_queue(uow: UnitOfWork, *, case_ref: str | None = None, returned: bool = False,
                 submitted_by: str | None = None) -> tuple[RecordReview, ...]:
    """What waits for a supervisor (submitted, oldest submission first) or, with `returned`, what was
    sent back (oldest first); optionally of one case, or only what user `submitted_by` submitted."""
    wanted = ReviewState.RETURNED if returned else ReviewState.SUBMITTED
    latest = select(func.max(review_steps.c.seq)).group_by(review_steps.c.record_id)
    query = select(review_steps.c.case_id, review_steps.c.record_kind, review_steps.c.record_id).where(
        review_steps.c.seq.in_(latest), review_steps.c.step == wanted.value)
    if case_ref is not None:
        query = query.where(review_steps.c.case_id == case_id_for(uow, v.case_ref(case_ref)))
    by_case: dict[str, list[tuple[str, str]]] = {}
    for row in uow.conn.execute(query):
        by_case.setdefault(row.case_id, []).append((row.record_kind, row.record_id))
    refs = dict(uow.conn.execute(select(cases.c.id, cases.c.ref).where(cases.c.id.in_(by_case))).all())
    found = []
    for case_id, pairs in by_case.items():
        targets = _labelled(uow.conn, pairs)
        found += [state for state in _states(uow.conn, refs[case_id], case_id, targets).values()
                  if state.state is wanted and (submitted_by is None or (
                      state.submitted is not None and state.submitted.by == submitted_by))]
    return tuple(sorted(found, key=lambda s: (s.last.at if s.last else "", s.case_ref, s.record)))


def record_authors(conn: Connection, kind: ReviewedKind, record_id: str, *, before_seq: int | None = None
                   ) -> set[str]:
    """The users whose work the record is, from the audit chain's signed lookup columns (up to event
    `before_seq`): who wrote or changed it (an item: who took it in, and who changed its links and
    tags) and who submitted it."""
    subjects = [record_id] if kind is not ReviewedKind.EVIDENCE else list(
        conn.execute(select(evidence_links.c.id).where(evidence_links.c.item_id == record_id)).scalars())
    subjects += conn.execute(select(review_steps.c.id).where(
        review_steps.c.record_id == record_id, review_steps.c.step == ReviewStep.SUBMITTED.value)).scalars()
    query = select(audit_events.c.actor_id).where(audit_events.c.subject_id.in_(subjects))
    first = select(audit_events.c.actor_id).where(audit_events.c.subject_id == record_id)
    if before_seq is not None:
        query, first = query.where(audit_events.c.seq < before_seq), first.where(audit_events.c.seq < before_seq)
    authors = set(conn.execute(query).scalars())
    if kind is ReviewedKind.EVIDENCE:  # the item's own chain: its first event took it in
        authors.update(conn.execute(first.order_by(audit_events.c.seq).limit(1)).scalars())
    return authors


def own_work_approvals(conn: Connection, approvals: Iterable[dict]) -> list[tuple[int, str]]:
    """(seq, why) of each signed `review_approved` event (its parsed fields) whose signer's own work
    the record was when they signed it."""
    names = user_names(conn)
    found = []
    for fields in approvals:
        details, signer = fields["details"], fields["actor"]["user_id"]
        try:
            kind = ReviewedKind(details.get("kind"))
            record_id = details["record_id"]
        except (ValueError, KeyError):
            found.append((fields["seq"], "a review_approved event that names no reviewed record"))
            continue
        if signer in record_authors(conn, kind, record_id, before_seq=fields["seq"]):
            why = (f"{actor_name(names, signer)} approved {details.get('ref')} of case {details.get('case_ref')} "
                   f"(version {details.get('version')}), which is their own work: {OWN_WORK}")
            found.append((fields["seq"], why))
    return found


def _states(conn: Connection, case_ref: str, case_id: str, targets: Iterable[_Record]) -> dict[str, RecordReview]:
    """Each target's review state, with a few queries for all of them."""
    targets = list(targets)
    ids = [t.record_id for t in targets]
    versions = _versions(conn, targets)
    names = user_names(conn)
    steps: dict[str, list[Row]] = {record_id: [] for record_id in ids}
    for row in conn.execute(select(review_steps).where(review_steps.c.record_id.in_(ids))
                            .order_by(review_steps.c.seq)):
        steps[row.record_id].append(row)
    return {t.record_id: _state(case_ref, t, versions[t.record_id], steps[t.record_id], names) for t in targets}


def _state(case_ref: str, target: _Record, version: int, rows: list[Row], names: dict[str, str]) -> RecordReview:
    taken = [StepTaken(ReviewStep(row.step), row.version, actor_name(names, row.created_by), row.created_at,
                       row.comment) for row in rows]
    last = taken[-1] if taken else None
    submitted = next((s for s in reversed(taken) if s.step is ReviewStep.SUBMITTED), None)
    approved = next((s for s in reversed(taken) if s.step is ReviewStep.APPROVED), None)
    if last is None:
        state = ReviewState.DRAFT
    elif last.step is ReviewStep.RETURNED:
        state = ReviewState.RETURNED  # until it is submitted again, edited or not
    elif last.version != version:
        state = ReviewState.DRAFT  # edited after it was submitted or approved
    else:
        state = ReviewState.SUBMITTED if last.step is ReviewStep.SUBMITTED else ReviewState.APPROVED
    return RecordReview(case_ref, target.label, target.kind, target.record_id, version, state, last, submitted,
                        approved)


def _versions(conn: Connection, targets: Sequence[_Record]) -> dict[str, int]:
    """Each record's current version: a statement's number; an incident's signed changes; an item's
    signed changes to its links, plus one."""
    by_kind: dict[ReviewedKind, list[str]] = {kind: [] for kind in ReviewedKind}
    for target in targets:
        by_kind[target.kind].append(target.record_id)
    found = dict(conn.execute(select(statements.c.id, statements.c.current_version)
                              .where(statements.c.id.in_(by_kind[ReviewedKind.STATEMENT]))).all())
    found.update(_event_counts(conn, {i: i for i in by_kind[ReviewedKind.INCIDENT]}, 0))
    links = dict(conn.execute(select(evidence_links.c.id, evidence_links.c.item_id)
                              .where(evidence_links.c.item_id.in_(by_kind[ReviewedKind.EVIDENCE]))).all())
    found.update({item_id: 1 for item_id in by_kind[ReviewedKind.EVIDENCE]})
    found.update(_event_counts(conn, links, 1))
    return found


def _event_counts(conn: Connection, owners: dict[str, str], plus: int) -> dict[str, int]:
    """{owner: events whose subject is one of its subjects + plus}, for `owners` {subject: owner}."""
    counts: dict[str, int] = {}
    subjects = list(owners)
    for start in range(0, len(subjects), 500):
        rows = conn.execute(select(audit_events.c.subject_id, func.count()).where(
            audit_events.c.subject_id.in_(subjects[start:start + 500])).group_by(audit_events.c.subject_id))
        for subject, count in rows:
            counts[owners[subject]] = count + plus
    return counts


# ----- naming records ---------------------------------------------------------------------------

def _case(uow: UnitOfWork, case_ref: str) -> tuple[str, str]:
    ref = v.case_ref(case_ref)
    return ref, case_id_for(uow, ref)


def _comment(text: str, item: str, *, required: bool) -> str:
    if required and not (text or "").strip():
        raise InvalidInput(f"{item}: a comment saying what to change is required")
    return v.clean_text(text or "", item, max_len=COMMENT_MAX, multiline=True)


def _unique(targets: Iterable[_Record]) -> list[_Record]:
    return list({t.record_id: t for t in targets}.values())


def _record(uow: UnitOfWork, case_id: str, ref: str, label: str) -> _Record:
    """The statement (ST-001), incident (I-001) or evidence item (its ERN) of the case `label` names."""
    text = label.strip().upper() if isinstance(label, str) else ""
    if text.startswith("ST-"):
        st_ref = v.statement_ref(text)
        found = uow.conn.execute(select(statements.c.id).where(
            statements.c.case_id == case_id, statements.c.ref == st_ref)).scalar()
        return _found(found, ReviewedKind.STATEMENT, st_ref, f"statement {st_ref}", ref)
    if text.startswith("I-"):
        number = text.removeprefix("I-")
        if not (number.isascii() and number.isdigit()):
            raise InvalidInput(f"incident {v.shown(label)} is not valid: use I- followed by its number, like I-003")
        found = uow.conn.execute(select(incidents.c.id).where(
            incidents.c.case_id == case_id, incidents.c.number == int(number))).scalar()
        return _found(found, ReviewedKind.INCIDENT, f"I-{int(number):03d}", f"incident I-{int(number):03d}", ref)
    found = uow.conn.execute(select(evidence_items.c.id).where(
        evidence_items.c.case_id == case_id, evidence_items.c.ern == text)).scalar()
    if found is None and text:
        raise NotFound(f"case {ref} has no evidence item {v.shown(label)}; name a statement (ST-001), an incident "
                       "(I-001) or an evidence item by its ERN")
    return _found(found, ReviewedKind.EVIDENCE, text, f"evidence item {v.shown(label)}", ref)


def _found(record_id: str | None, kind: ReviewedKind, label: str, named: str, ref: str) -> _Record:
    if record_id is None:
        raise NotFound(f"case {ref} has no {named}")
    return _Record(kind, record_id, label)


def _all_records(conn: Connection, case_id: str) -> list[_Record]:
    """Every statement, incident and evidence item of the case, in that order, each by ref."""
    found = [_Record(ReviewedKind.STATEMENT, row.id, row.ref) for row in conn.execute(
        select(statements.c.id, statements.c.ref).where(statements.c.case_id == case_id)
        .order_by(func.length(statements.c.ref), statements.c.ref))]
    found += [_Record(ReviewedKind.INCIDENT, row.id, f"I-{row.number:03d}") for row in conn.execute(
        select(incidents.c.id, incidents.c.number).where(incidents.c.case_id == case_id).order_by(incidents.c.number))]
    found += [_Record(ReviewedKind.EVIDENCE, row.id, row.ern) for row in conn.execute(
        select(evidence_items.c.id, evidence_items.c.ern).where(evidence_items.c.case_id == case_id)
        .order_by(evidence_items.c.ern))]
    return found


def _labelled(conn: Connection, pairs: Sequence[tuple[str, str]]) -> list[_Record]:
    """Records named by (kind, id), with their labels."""
    ids = [record_id for _kind, record_id in pairs]
    labels = dict(conn.execute(select(statements.c.id, statements.c.ref).where(statements.c.id.in_(ids))).all())
    labels.update((row.id, f"I-{row.number:03d}") for row in conn.execute(
        select(incidents.c.id, incidents.c.number).where(incidents.c.id.in_(ids))))
    labels.update(conn.execute(select(evidence_items.c.id, evidence_items.c.ern)
                               .where(evidence_items.c.id.in_(ids))).all())
    return [_Record(ReviewedKind(kind), record_id, labels[record_id]) for kind, record_id in pairs
            if record_id in labels]
