"""The case report's sections, in order, as chunks of HTML (pure Python; see report_html.py).

Cover, case summary, incidents, evidence cards, custody chains, people by code, statements,
records held back and the verification annex. Each section's heading travels in its first chunk.
A report that carries reviews (report_review.py) shows each record's supervisor review on its card.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cached_property

from sanad.domain.bundle import CaseReport, ReportCustodyLine, ReportIncident, ReportItem, ReportStatement
from sanad.domain.errors import InvalidInput
from sanad.domain.taxonomy import violation_type
from sanad.domain.validation import shown
from sanad.report.report_html import (
    NASKH,
    SANS,
    STYLE,
    TABLE,
    THUMBNAIL_URL,
    Chunk,
    HtmlPieces,
    ReportHtml,
    esc,
    human_size,
)
from sanad.report.report_labels import ANNEX, LABELS
from sanad.report.report_review import ReportReview, ReviewedCaseReport, reviews_of

CUSTODY_FIRST, CUSTODY_LAST = 3, 4  # events of a longer chain the report shows: its start and its end


def build_report_html(report: CaseReport, thumbnails: Mapping[int, tuple[int, int]]) -> ReportHtml:
    """`thumbnails` maps an item's index to the drawn size (96-a-inch pixels) of its decoded image;
    an item not in it shows its media type instead."""
    if report.language not in LABELS:
        raise InvalidInput(f"case report {shown(report.case_ref)}: language {shown(report.language)} is not "
                           "supported (en or ar)")
    return _Sections(report, thumbnails).document()


def _section(heading: str, parts: list[str | Chunk], *, new_page: bool = False) -> list[Chunk]:
    """The heading goes with the section's first part, so it is never left alone at a page's foot."""
    first, *rest = parts or [""]
    if isinstance(first, Chunk):
        first = replace(first, html=heading + first.html, new_page=new_page)
    else:
        first = Chunk(heading + first, new_page)
    return [first, *(part if isinstance(part, Chunk) else Chunk(part) for part in rest)]


class _Sections(HtmlPieces):
    def document(self) -> ReportHtml:
        r = self.r
        families = (NASKH, SANS) if self.rtl else (SANS, NASKH)
        fonts = ", ".join(f"'{family}'" for family in families)
        opening = (f'<html><head><style>{STYLE}</style></head><body dir="{self.dir}" '
                   f'style="font-family:{fonts}; font-size:{self.size}pt">')
        sections = [
            [Chunk(self.cover())],
            _section(self.heading("sec_summary", 1) + self.user(r.case_summary, align=False, cls="para",
                                                                empty="no_summary"), [], new_page=True),
            _section(self.heading("sec_incidents", 2), [self.incident(i) for i in r.incidents]
                     or [self.note("no_incidents")]),
            _section(self.heading("sec_evidence", 3) + (self.note("evidence_intro") if r.items else ""),
                     [self.item(n, item) for n, item in enumerate(r.items)] or [self.note("no_items")]),
            _section(self.heading("sec_custody", 4) + (self.note("custody_intro") if r.items else ""),
                     [self.chain(item) for item in r.items] or [self.note("no_custody")]),
            _section(self.heading("sec_people", 5), [self.people()]),
            _section(self.heading("sec_statements", 6), [self.statement(s) for s in r.statements]
                     or [self.note("no_statements")]),
            _section(self.heading("sec_held_back", 7), [self.held_back()]) if r.held_back else [],
            _section(self.heading("sec_annex", None), [self.annex()], new_page=True),
        ]
        return ReportHtml(chunks=tuple(chunk for section in sections for chunk in section), opening=opening,
                          rtl=self.rtl, families=families, point_size=self.size,
                          footer=f"{r.case_ref} · {r.bundle_id}", page_label=self.t["page"])

    def cover(self) -> str:
        r = self.r
        head = (self.plain(self.t["kicker"], "muted")
                + f'<h1 style="font-size:{self.size + 12}pt; color:#1f3b5a; margin-top:8px; margin-bottom:6px">'
                  f'{esc(self.t["report_title"])}</h1>'
                + self.tech(r.case_ref, mono=False, bold=True, size=16)
                + self.user(r.case_title, cls="para", style=f"font-size:{self.size + 4}pt")
                + self.note("cover_intro"))
        facts = TABLE + self.fields([
            ("organisation", self.user(r.organisation)),
            ("exported_at", self.tech(r.exported_at, mono=False)),
            ("purpose", self.user(r.purpose)),
            ("recipient", self.shown_value(r.recipient.value)),
            ("bundle_id", self.tech(r.bundle_id, size=8.5)),
            ("signer", self.user(r.signer_name)),
        ]) + "</table>"
        box = ('<table width="100%" border="1" cellspacing="0" cellpadding="8" style="border-collapse:collapse; '
               'border-color:#c79200; border-style:solid; background-color:#fff6d8; margin-bottom:14px"><tr><td>'
               + self.plain(self.t["fp_note_title"], "para", "font-weight:bold")
               + self.plain(self.t["signer_fp"], "muted")
               + self.tech(r.signer_fingerprint, size=10.5)
               + f'<p style="margin-top:6px">{self.label("fp_note", organisation=esc(r.organisation))}</p>'
               + "</td></tr></table>")
        unapproved = ""
        if isinstance(r, ReviewedCaseReport) and r.include_unapproved:
            unapproved = ('<table width="100%" border="1" cellspacing="0" cellpadding="6" style="border-collapse:'
                          'collapse; border-color:#8a4b00; border-style:solid; margin-bottom:14px"><tr><td>'
                          + self.plain(self.t["unapproved_note"], "para", "font-weight:bold; color:#8a4b00")
                          + "</td></tr></table>")
        return head + facts + box + unapproved + self.contents()

    def contents(self) -> str:
        r = self.r
        counts = [("n_incidents", len(r.incidents)), ("n_items", len(r.items)),
                  ("n_derivatives", sum(1 for item in r.items if item.parent_ern)),
                  ("n_statements", len(r.statements)), ("n_redacted", sum(1 for s in r.statements if s.redacted)),
                  ("n_people", len(r.people)), ("n_names", sum(1 for p in r.people if p.name)),
                  ("n_held_back", len(r.held_back))]
        if self.reviews:
            counts.append(("n_unapproved", sum(1 for review in self.reviews.values() if not review.approved)))
        indent = f' style="padding-{self.start}:18px"'
        rows = "".join(self.row(f'<td width="75%"{indent if key in ("n_derivatives", "n_redacted", "n_names") else ""}>'
                                f"{esc(self.t[key])}</td>", f'<td width="25%">{n}</td>')
                       for key, n in counts)
        return (f'<p style="font-weight:bold; font-size:{self.size + 1}pt; margin-bottom:4px">{esc(self.t["contents"])}</p>'
                f'<table width="55%" align="{self.start}" cellspacing="0" cellpadding="2">{rows}</table>')

    def incident(self, i: ReportIncident) -> str:
        dates = " – ".join(d or "…" for d in (i.start, i.end)) if i.end else i.start
        kinds = ("، " if self.rtl else ", ").join(self.violation(code) for code in i.violation_types)
        title = (f'<tr><td colspan="2" class="head"><p dir="{self.dir}"><span style="font-weight:bold">{esc(i.ref)}'
                 f"</span> · {esc(i.title)}</p></td></tr>")
        return (TABLE + title + self.fields([
            ("dates", self.tech(dates, mono=False)), ("place", self.user(i.place)),
            ("violations", self.plain(kinds) if kinds else self.plain(self.t["not_recorded"], "muted")),
            ("victims", self.count(i.victims_count)), ("casualties", self.count(i.casualties_count)),
            ("description", self.user(i.description, align=False)),
            *self.review_row(i.ref),
        ]) + "</table>")

    def violation(self, code: str) -> str:
        try:
            return violation_type(code).label(self.r.language)
        except InvalidInput:
            return code

    def count(self, n: int | None) -> str:
        return self.plain(self.t["not_recorded"], "muted") if n is None else self.plain(str(n))

    def item(self, index: int, item: ReportItem) -> str:
        size = human_size(item.size, self.t["units"].split("|"))
        size_text = size if item.size < 1000 else self.t["bytes"].format(size=size, count=f"{item.size:,}")
        position = f"{item.latitude}, {item.longitude}" if item.latitude and item.longitude else None
        rows = [("ern", self.tech(item.ern, mono=False, bold=True, size=self.size + 1))]
        if item.parent_ern:
            rows.append(("derived_from", self.tech(item.parent_ern, mono=False)))
        rows += [("path", self.tech(item.path)), ("media_type", self.tech(item.media_type, mono=False)),
                 ("size", self.plain(size_text)), ("sha256", self.tech(item.sha256)),
                 ("captured", self.tech(item.captured_at, mono=False)), ("position", self.tech(position, mono=False)),
                 ("device", self.user(item.device_model)), ("how_obtained", self.shown_value(item.how_obtained)),
                 ("acquired", self.tech(item.acquired_at, mono=False)), *self.review_row(item.ern)]
        picture = (f'<td rowspan="{len(rows)}" width="20%" align="center" valign="middle">'
                   f"{self.thumbnail(index, item)}</td>")
        return TABLE + "".join(
            self.row(*([picture] if n == 0 else []), f'<td width="16%" class="label">{esc(self.t[key])}</td>',
                     f"<td>{cell}</td>")
            for n, (key, cell) in enumerate(rows)) + "</table>"

    def thumbnail(self, index: int, item: ReportItem) -> str:
        if index not in self.thumbnails:
            return f'<p dir="ltr" align="center" class="muted">{esc(item.media_type)}</p>'
        width, height = self.thumbnails[index]
        return f'<img src="{THUMBNAIL_URL.format(index=index)}" width="{width}" height="{height}" />'

    def chain(self, item: ReportItem) -> Chunk:
        """A summary of the item's chain: every event of a short one; of a longer one the first
        CUSTODY_FIRST and last CUSTODY_LAST events, and a line that counts the others by action and
        points to the file holding them all (drawing stays quick however often an item was viewed,
        verified or exported)."""
        columns = self.header((("at", 25), ("actor_key", 45), ("details", 30)))
        lines = item.custody
        if len(lines) > CUSTODY_FIRST + CUSTODY_LAST + 1:
            rows = (*map(self.custody_line, lines[:CUSTODY_FIRST]),
                    self.elided(item.ern, lines[CUSTODY_FIRST:-CUSTODY_LAST]),
                    *map(self.custody_line, lines[-CUSTODY_LAST:]))
        else:
            rows = tuple(map(self.custody_line, lines)) or (f'<tr><td colspan="3">{self.note("no_events")}</td></tr>',)
        return Chunk("", rows=rows, head=self.caption(self.t["custody_of"], item.ern, 3) + columns,
                     continued=self.caption(self.t["custody_of"], item.ern, 3, continued=True) + columns)

    def isolated(self, value: str) -> str:
        """A left-to-right value inside Arabic text, kept whole (Unicode's LTR isolate): else a
        time such as 2025-04-02T10:01:00Z is reordered around its hyphens."""
        return f"\u2066{value}\u2069" if self.rtl else value

    def custody_line(self, line: ReportCustodyLine) -> str:
        return self.row(f"<td>{self.tech(line.at, mono=False, size=8.5)}{self.shown_value(line.action)}</td>",
                        f"<td>{self.tech(line.actor_key, size=6.8)}</td>",
                        f"<td>{self.user(line.details, empty='')}</td>")

    def elided(self, ern: str, lines: Sequence[ReportCustodyLine]) -> str:
        counts = Counter(line.action for line in lines)
        actions = self.t["list_separator"].join(f"{self.values.get(action, action)} × {count}"
                                                for action, count in counts.most_common())
        text = self.t["custody_elided"].format(count=len(lines), start=self.isolated(lines[0].at),
                                               end=self.isolated(lines[-1].at), actions=actions,
                                               path=self.isolated(f"data/custody/{ern}.jsonl"))
        return f'<tr><td colspan="3">{self.plain(text, "muted")}</td></tr>'

    def people(self) -> Chunk | str:
        if not self.r.people:
            return self.note("no_people")
        named = any(p.name for p in self.r.people)
        columns = self.header((("code", 20), ("role", 30), ("name", 50)) if named else (("code", 30), ("role", 70)))
        rows = tuple(
            self.row(f"<td>{self.tech(p.code, mono=False, bold=True)}</td>", f"<td>{self.shown_value(p.role)}</td>",
                     *([f"<td>{self.user(p.name, empty='not_disclosed')}</td>"] if named else []))
            for p in self.r.people)
        return Chunk(self.note("people_intro"), rows=rows, head=columns, continued=columns)

    def statement(self, s: ReportStatement) -> str:
        meta = (TABLE + self.caption(self.t["statement"], s.ref, 2) + self.fields([
            ("person", self.tech(s.person_code, mono=False)), ("version", self.plain(str(s.version))),
            ("language", self.tech(s.language, mono=False)), ("interviewed_on", self.tech(s.interviewed_on, mono=False)),
            *self.review_row(s.ref),
        ]) + "</table>")
        marker = (f'<p style="background-color:#e8eefc; color:#1f3b8a; font-weight:bold; margin-bottom:6px">'
                  f'{esc(self.t["redacted_marker"])}</p>' if s.redacted else "")
        return meta + marker + self.user(s.text, align=False, empty="") + '<p style="margin-bottom:16px"></p>'

    @cached_property
    def reviews(self) -> dict[str, ReportReview]:
        return reviews_of(self.r)

    def review_row(self, ref: str) -> list[tuple[str, str]]:
        """A card's review row, in a report that carries reviews."""
        return [("review", self.review(self.reviews.get(ref)))] if self.reviews else []

    def review(self, review: ReportReview | None) -> str:
        """Approved by whom, when, which version; or the state, and an older version's approval."""
        if review is None:
            return self.plain(self.t["not_recorded"], "muted")
        if review.approved:
            return f"<p>{self.approval('review_approved', review)}</p>"
        state = self.t.get(f"state_{review.state}", review.state)
        text = self.label("review_not_approved", state=esc(state))
        if review.approved_version is not None:
            text += ("؛ " if self.rtl else "; ") + self.approval("review_older", review)
        return f'<p style="color:#8a4b00; font-weight:bold">{text}</p>'

    def approval(self, key: str, review: ReportReview) -> str:
        at = review.approved_at or ""
        when = f"\u202a{at[:10]} {at[11:16]} UTC\u202c"  # left-to-right inside an Arabic sentence too
        return self.label(key, by=esc(review.approved_by or ""), at=esc(when), version=str(review.approved_version))

    def held_back(self) -> Chunk:
        columns = self.header((("record", 30), ("reason", 70)))
        rows = tuple(self.row(f"<td>{self.tech(h.ref, mono=False)}</td>", f"<td>{self.user(h.reason)}</td>")
                     for h in self.r.held_back)
        return Chunk(self.note("held_back_intro"), rows=rows, head=columns, continued=columns)

    def annex(self) -> str:
        out = []
        organisation = esc(self.r.organisation)
        for title, paragraphs, numbered in ANNEX[self.r.language]:
            out.append(f'<h3 style="font-size:{self.size + 2}pt; margin-top:10px; margin-bottom:4px">{esc(title)}</h3>')
            texts = [esc(p).format(organisation=organisation) for p in paragraphs]
            if numbered:  # a borderless table: the numbers hang on the start side in both directions
                out.append('<table width="100%" cellspacing="0" cellpadding="2">' + "".join(
                    self.row(f'<td width="4%"><p>{n}.</p></td>', f'<td width="96%"><p class="para">{text}</p></td>')
                    for n, text in enumerate(texts, 1)) + "</table>")
            else:
                out.extend(f'<p class="para">{text}</p>' for text in texts)
        return "".join(out)
