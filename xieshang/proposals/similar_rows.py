"""What one user may see of the items the similarity index finds: selectors for the pages.

The drafting panel (`similar_for_draft`), the reviewer's candidates (`duplicates_for_review`),
the review queue's and the 社情民意 office's 疑似重复 columns (`duplicate_badges`,
`opinion_duplicate_badges`) and the office's list beside an item (`similar_for_opinion`). Other
proposers' proposals show their number, title, status, session and score; passages and links only
where the user may open the proposal or its reply is published.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from xieshang.accounts.models import User

from . import permissions
from .models import Proposal
from .similarity import EVERYTHING, TEXT_MIN, Hit, body_overlap, search, search_many
from .similarity_sources import opinion_text, opinion_title_core, proposal_text, title_core
from .workflow import IN_REVIEW, Status


@dataclass(frozen=True)
class DraftOverlap:
    """A passage of the drafting panel: where in the earlier item's body the draft repeats it.

    Of an item the user may open, the item's words in context; of one they may not, only the
    draft's own words (`own`), so that nothing of the other's text is quoted.
    """

    where: str
    before: str
    shared: str
    after: str
    own: bool


def _section(parts: list[tuple[str, str]], offset: int) -> str:
    """Name the part of a body (its non-empty parts joined by line breaks) holding `offset`."""
    end = 0
    for label, part in parts:
        if part:
            end += len(part) + 1
            if offset < end:
                return label
    return "正文"


def _draft_overlap(user: User, row, text: str) -> DraftOverlap | None:
    """Return the passage a drafting-panel row shares with the draft's text, when the match
    is in the earlier item's body (情况与分析, 具体建议, or an item's 情况反映 and so on)."""
    if row.hit.text_score < TEXT_MIN:
        return None
    if row.kind == "opinion":
        o = row.opinion
        ref = ("opinion", o.pk)
        parts = [("情况反映", o.situation), ("原因分析", o.analysis), ("意见建议", o.suggestions)]
    else:
        p = row.proposal
        ref = ("proposal", p.pk)
        parts = [("情况与分析", p.reasons), ("具体建议", p.suggestions)]
    found = body_overlap(user.committee_id, ref, text)
    if found is None:
        return None
    where = _section(parts, found.body_offset)
    if row.can_view:
        return DraftOverlap(where, found.before, found.shared, found.after, own=False)
    return DraftOverlap(where, "", found.draft, "", own=True)


@dataclass
class SimilarRow:
    """A similar proposal as one user may see it."""

    proposal: Proposal
    hit: Hit
    can_view: bool
    url: str | None
    reply_url: str | None
    reply_label: str
    same_session: bool = False
    mergeable: bool = False
    overlap: DraftOverlap | None = None
    kind = "proposal"

    @property
    def number(self) -> str:
        return self.proposal.official_number or self.proposal.receipt_number

    @property
    def percent(self) -> int:
        return round(self.hit.score * 100)


@dataclass
class _Loaded:
    proposals: dict[int, Proposal]
    cases: dict[int, int]
    classes: dict[int, list[str]]
    published: set[int]


def _load(user: User, ids: list[int]) -> _Loaded:
    """Load the proposals behind hits, their cases, passed replies and publications (5 queries)."""
    proposals = {
        p.pk: p
        for p in Proposal.objects.filter(committee_id=user.committee_id, pk__in=ids)
        .exclude(status=Status.DRAFT)
        .select_related("session", "category", "committee")
        .prefetch_related("proposers")
    }
    reply = apps.get_model("handling", "Reply")
    case = apps.get_model("handling", "HandlingCase")
    publication = apps.get_model("publishing", "Publication")
    cases = dict(case.objects.filter(proposal_id__in=ids).values_list("proposal_id", "pk"))
    classes: dict[int, list[str]] = {}
    for pid, code in (reply.objects.filter(assignment__case__proposal_id__in=ids,
                                           status="passed")
                      .order_by("assignment_id", "round")
                      .values_list("assignment__case__proposal_id", "result_class__code")):
        classes.setdefault(pid, []).append(code or "")
    published = set(publication.objects.filter(proposal_id__in=ids, status="published")
                    .values_list("proposal_id", flat=True))
    return _Loaded(proposals, cases, classes, published)


def _row(user: User, hit: Hit, loaded: _Loaded, anchor: Proposal | None = None
         ) -> SimilarRow | None:
    """Decide what of one similar proposal the user may see."""
    p = loaded.proposals.get(hit.ref[1]) if hit.ref[0] == "proposal" else None
    if p is None:
        return None
    visible = permissions.can_view(user, p)
    reply_url = None
    label = ""
    if p.pk in loaded.classes:
        codes = sorted({c for c in loaded.classes[p.pk] if c})
        label = "已答复" + (f"（{'、'.join(codes)}类）" if codes else "")
        if visible and p.pk in loaded.cases:
            reply_url = reverse("handling:case", args=[loaded.cases[p.pk]])
        elif p.pk in loaded.published:
            reply_url = reverse("publishing:detail",
                                kwargs={"slug": p.committee.slug, "proposal_id": p.pk})
    same = anchor is not None and p.session_id == anchor.session_id
    return SimilarRow(
        proposal=p,
        # Passages quote the other proposal's text: only for those the user may open.
        hit=hit if visible else Hit(hit.ref, hit.score, hit.text_score, hit.title_score,
                                    hit.reply_score),
        can_view=visible,
        url=reverse("proposals:detail", args=[p.pk]) if visible else None,
        reply_url=reply_url, reply_label=label, same_session=same,
        mergeable=same and p.status in (*IN_REVIEW, Status.ACCEPTED),
    )


@dataclass
class SimilarOpinionRow:
    """A similar 社情民意 item as one user may see it."""

    opinion: object
    hit: Hit
    can_view: bool
    url: str | None
    # Other members' items with the same title folded into this row (fold_copies), this one too.
    copies: int = 1
    overlap: DraftOverlap | None = None
    kind = "opinion"

    @property
    def percent(self) -> int:
        return round(self.hit.score * 100)

    @property
    def year(self) -> int | None:
        first = self.opinion.first_submitted_at
        return first.year if first else None


def _opinion_rows(user: User, hits: list[Hit]) -> dict[int, SimilarOpinionRow]:
    """Decide what of each similar 社情民意 item the user may see (one query for the rows).

    Items the user may open show everything; others only once used (录用), by title, status and
    year, without passages: items still in check, kept or returned are the office's business.
    """
    from xieshang.opinions import permissions as opinion_permissions
    from xieshang.opinions.workflow import USED_STATES

    ids = sorted({h.ref[1] for h in hits if h.ref[0] == "opinion"})
    if not ids:
        return {}
    opinion = apps.get_model("opinions", "Opinion")
    rows = {}
    for o in (opinion.objects.filter(committee_id=user.committee_id, pk__in=ids)
              .exclude(status="draft").prefetch_related("authors__reporter")):
        hit = next(h for h in hits if h.ref == ("opinion", o.pk))
        visible = opinion_permissions.can_view(user, o)
        if not visible and o.status not in USED_STATES:
            continue
        rows[o.pk] = SimilarOpinionRow(
            opinion=o,
            hit=hit if visible else Hit(hit.ref, hit.score, hit.text_score, hit.title_score),
            can_view=visible, url=reverse("opinions:detail", args=[o.pk]) if visible else None)
    return rows


def _hydrate(user: User, hits: list[Hit], *, anchor: Proposal | None = None) -> list:
    """Turn hits into rows the user may see: SimilarRow for proposals, SimilarOpinionRow else."""
    if not hits:
        return []
    loaded = _load(user, sorted({h.ref[1] for h in hits if h.ref[0] == "proposal"}))
    opinions = _opinion_rows(user, hits)
    out = []
    for h in hits:
        row = (opinions.get(h.ref[1]) if h.ref[0] == "opinion"
               else _row(user, h, loaded, anchor))
        if row is not None:
            out.append(row)
    return out


def similar_for_draft(*, user: User, title: str, reasons: str = "", suggestions: str = "",
                      exclude_id: int | None = None, top: int = 6, drafting: str = "proposal",
                      kinds: Collection[str] = EVERYTHING) -> list:
    """Return earlier proposals and 社情民意 items that say nearly what a user is drafting.

    `drafting` is the kind of the draft ("proposal", or "opinion" with 情况 and 分析 as
    `reasons`); `exclude_id` is the draft's own id when it was saved before. Other proposers'
    proposals show their number, title, status, session and score, and a link to the reply
    only when it is published; passages are shown only of proposals the user may open. A row
    whose match lies in the earlier item's body says where and which passage (`overlap`).
    社情民意 items are shown as `_opinion_rows` decides. Drafts are never indexed.
    """
    if drafting == "opinion":
        text, core = opinion_text(title, reasons, "", suggestions), opinion_title_core(title)
    else:
        text, core = proposal_text(title, reasons, suggestions), title_core(title)
    if len(text) < 4:
        return []
    exclude = [(drafting, exclude_id)] if exclude_id else []
    hits = search(user.committee_id, text=text, title=core, top=top * 3, exclude=exclude,
                  kinds=kinds)
    rows = sorted(fold_copies(_hydrate(user, hits)), key=_draft_order)[:top]
    for row in rows:
        # Passages for the shown rows only: aligning every candidate would slow each keystroke.
        row.overlap = _draft_overlap(user, row, text)
    return rows


def _draft_order(row) -> tuple:
    """Order the drafting panel by score; among equal scores, what the writer can build on first.

    A proposal whose reply the writer may read comes before one with a reply only counted, which
    comes before one without a reply (withdrawn, not accepted, still in handling); then the
    latest year first, as its answer is the current one. Equal scores are common: six proposals
    titled 关于老旧小区加装电梯的建议 all score the same against a typed title.
    """
    if row.kind == "proposal":
        use = 0 if row.reply_url else 1 if row.reply_label else 2
        year = row.proposal.session.year if row.proposal.session_id else 0
    else:
        use, year = 2, row.year or 0
    return (-row.percent, use, -year)


def fold_copies(rows: list) -> list:
    """Fold 社情民意 items the user may not open that share a title and a year into the first.

    Several members often report one matter under one title; shown by title, status and year
    only, they read as the same line repeated and push everything else off the drafting panel.
    The folded row counts them (`copies`).
    """
    out, first = [], {}
    for row in rows:
        if row.kind == "opinion" and not row.can_view:
            key = (row.opinion.title.strip(), row.year)
            if key in first:
                first[key].copies += 1
                continue
            first[key] = row
        out.append(row)
    return out


def similar_for_opinion(*, user: User, opinion, top: int = 6) -> list:
    """Return proposals and other 社情民意 items like an item, for the information office."""
    from xieshang.opinions import permissions as opinion_permissions

    if not opinion_permissions.is_office(user) or opinion.committee_id != user.committee_id:
        return []
    text = opinion_text(opinion.title, opinion.situation, opinion.analysis, opinion.suggestions)
    exclude = [("opinion", opinion.pk)]
    if opinion.proposal_id:
        exclude.append(("proposal", opinion.proposal_id))
    hits = search(user.committee_id, text=text, title=opinion_title_core(opinion.title),
                  top=top, exclude=exclude, kinds=EVERYTHING, passages=True)
    return _hydrate(user, hits)


def duplicates_for_review(*, user: User, proposal: Proposal, top: int = 5) -> list[SimilarRow]:
    """Return likely duplicates and merge candidates of a proposal, same session first."""
    if not permissions.can_review_queue(user):
        return []
    hits = search(proposal.committee_id,
                  text=proposal_text(proposal.title, proposal.reasons, proposal.suggestions),
                  title=title_core(proposal.title), top=top * 2,
                  exclude=[("proposal", proposal.pk)], passages=True)
    rows = _hydrate(user, hits, anchor=proposal)
    rows.sort(key=lambda r: (not r.same_session, -r.hit.score))
    return rows[:top]


def opinion_duplicate_badges(*, user: User, opinion_ids: list[int]) -> dict[int, object]:
    """Return, for 社情民意 items of the office's list, the most similar other item or proposal
    of each. An item converted from a proposal is indexed as that proposal: it is compared by the
    proposal's text, and never found itself."""
    from xieshang.opinions import permissions as opinion_permissions

    if not opinion_permissions.is_office(user) or not opinion_ids:
        return {}
    opinion = apps.get_model("opinions", "Opinion")
    converted = dict(opinion.objects.filter(committee_id=user.committee_id, pk__in=opinion_ids,
                                            proposal__isnull=False)
                     .values_list("pk", "proposal_id"))
    found = search_many(user.committee_id, [i for i in opinion_ids if i not in converted],
                        top=1, kind="opinion", kinds=EVERYTHING)
    via = search_many(user.committee_id, list(converted.values()), top=1, kinds=EVERYTHING)
    found.update({oid: via[pid] for oid, pid in converted.items() if pid in via})
    best = {oid: hs[0] for oid, hs in found.items() if hs}
    rows = {row.hit.ref: row for row in _hydrate(user, list(best.values()))}
    return {oid: rows[hit.ref] for oid, hit in best.items() if hit.ref in rows}


def duplicate_badges(*, user: User, proposal_ids: list[int]) -> dict[int, SimilarRow]:
    """Return, for proposals of a review list, the most similar other proposal of each."""
    if not permissions.can_review_queue(user) or not proposal_ids:
        return {}
    best = {pid: hs[0] for pid, hs in search_many(user.committee_id, proposal_ids,
                                                      top=1).items() if hs}
    loaded = _load(user, sorted({h.ref[1] for h in best.values()}))
    rows = {pid: _row(user, hit, loaded) for pid, hit in best.items()}
    return {pid: row for pid, row in rows.items() if row is not None}
