"""Reads for the Excel import and the read-only rosters beside it."""

import re
from collections.abc import Iterable

from django.db.models import F, Prefetch, Q, QuerySet

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.textintel.initials import matches_pinyin

from .importing import Lookups, Reference, member_cells, template_bytes, unit_cells
from .models import Member, Membership, Party, Sector, SpecialCommittee, Term
from .selectors import current_term, unit_list

# A roster query that may be a name's pinyin: Latin letters, spaces allowed. One letter is a
# surname's initial (w: 王, 吴, 魏 …).
PINYIN_QUERY = re.compile(r"[A-Za-z][A-Za-z ]*")

# Keeps IN lists under SQLite's bound-parameter limit on older builds.
CHUNK = 900


def _chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def term_list(*, committee: Committee) -> QuerySet[Term]:
    """Return the committee's terms, oldest first."""
    return Term.objects.filter(committee=committee).order_by("number")


def term_numbered(*, committee: Committee, number: int | None) -> Term | None:
    """Return the committee's term with this number (第五届 is 5), or None."""
    if number is None:
        return None
    return Term.objects.filter(committee=committee, number=number).first()


def import_reference(*, committee: Committee) -> Reference:
    """Return the committee's existing terms and names, for the template's instructions."""
    current = current_term(committee=committee, day=clock.today())
    return Reference(
        terms=list(term_list(committee=committee).values_list("number", "name")),
        current_term=current.number if current else None,
        sectors=list(Sector.objects.filter(committee=committee).values_list("name", flat=True)),
        parties=list(Party.objects.filter(committee=committee).values_list("name", flat=True)),
        special_committees=list(
            SpecialCommittee.objects.filter(committee=committee).values_list("name", flat=True)
        ),
    )


def units_export(*, committee: Committee) -> bytes:
    """Return the import file with the 承办单位 sheet holding every unit, in the units' order.

    Imported back unchanged it changes nothing; the office edits 排序, contacts or 启用 in it.
    """
    units = unit_list(committee=committee, active_only=False)
    return template_bytes(reference=import_reference(committee=committee),
                          units=[unit_cells(u) for u in units])


def members_export(*, committee: Committee, term: Term, order: str = "strokes") -> bytes:
    """Return the import file with the 委员 sheet holding the term's members in `order`.

    Imported back unchanged it changes nothing; the office edits 工作单位, 界别, 状态 … in it.
    """
    members = member_roster(committee=committee, term=term, order=order)
    return template_bytes(reference=import_reference(committee=committee),
                          members=[member_cells(m, m.seats[0]) for m in members])


def import_lookups(*, committee: Committee, usernames: set[str]) -> Lookups:
    """Return what row checks need: terms, existing member logins, and taken login names."""
    taken: set[str] = set()
    for chunk in _chunks(usernames):
        taken.update(User.objects.filter(username__in=chunk).values_list("username", flat=True))
    return Lookups(
        terms=list(term_list(committee=committee)),
        current_term=current_term(committee=committee, day=clock.today()),
        member_usernames=dict(
            Member.objects.filter(committee=committee, user__isnull=False)
            .values_list("code", "user__username")
        ),
        taken_usernames=taken,
    )


# The roster's orders (排序): the official one, by 界别 as rosters are printed, and by number.
ROSTER_ORDERS = {
    "strokes": ("姓氏笔画", ("name_key", "code")),
    # Seats without a 界别 last, on every database (SQLite puts NULLs first by default).
    "sector": ("界别、姓氏笔画", (F("memberships__sector__order").asc(nulls_last=True),
                                F("memberships__sector__id").asc(nulls_last=True),
                                "name_key", "code")),
    "code": ("委员编号", ("code",)),
}


def roster_order(wanted: str | None, term: Term | None) -> str:
    """Return the roster order to use: `wanted` when it applies, else 姓氏笔画.

    With no term a member has no single 界别, so the 界别 order does not apply.
    """
    if wanted not in ROSTER_ORDERS or (wanted == "sector" and term is None):
        return "strokes"
    return wanted


def member_roster(*, committee: Committee, term: Term | None,
                  q: str | None = None, order: str = "strokes") -> QuerySet[Member]:
    """Return members with their seat in `term` as `seats`, in a fixed number of queries.

    With no term, every member is listed and `seats` holds all their seats. `order` is a key
    of ROSTER_ORDERS, applied as roster_order() allows. `q` finds a member by a part of the
    name, code (any case) or workplace, and a query of Latin letters also by the name's pinyin
    (wf, wangf or fang for 王芳; one letter: the surname's initial; textintel.initials).
    """
    order = roster_order(order, term)
    seats = Membership.objects.select_related("term", "sector", "party").prefetch_related(
        "special_committees"
    ).order_by("term__number")
    qs = Member.objects.filter(committee=committee).select_related("user")
    if term is not None:
        qs = qs.filter(memberships__term=term)
        seats = seats.filter(term=term)
    if q:
        found = Q(name__contains=q) | Q(code__icontains=q) | Q(workplace__contains=q)
        if PINYIN_QUERY.fullmatch(q):
            surname = len(q.replace(" ", "")) == 1
            found |= Q(pk__in={pk for pk, name in qs.values_list("pk", "name")
                               if matches_pinyin(q, name, from_start=surname)})
        qs = qs.filter(found)
    return qs.order_by(*ROSTER_ORDERS[order][1]).prefetch_related(
        Prefetch("memberships", queryset=seats, to_attr="seats"))
