"""The printed roster (委员名单, 常务委员名单): one term's members by 界别, 以姓氏笔画为序, in Word."""

from dataclasses import dataclass

from xieshang.core import word
from xieshang.core.models import Committee

from .models import Member, Membership, Term
from .selectors_import import member_roster

# Seats that no longer count as members: the roster of a term leaves them out.
LEFT = (Membership.Status.PERSUADED_TO_RESIGN, Membership.Status.REVOKED)
# Names in a printed roster take the width of three characters: a two-character name is
# spread with a full-width space (王　芳), the way official lists align them.
IDEOGRAPHIC_SPACE = "\u3000"
BETWEEN_NAMES = IDEOGRAPHIC_SPACE * 2


@dataclass
class RosterGroup:
    """One 界别's members in stroke order."""

    sector: str
    names: list[str]


def printed_name(member: Member) -> str:
    """Return the name as a roster prints it: two characters spread to three, women marked."""
    name = member.name.strip()
    if len(name) == 2:
        name = IDEOGRAPHIC_SPACE.join(name)
    if member.gender == Member.Gender.FEMALE:
        name += "（女）"
    return name


def roster_groups(*, committee: Committee, term: Term,
                  standing: bool = False) -> list[RosterGroup]:
    """Return the term's members who still hold their seat (only the 常委 when `standing`), by
    界别 in display order, each 界别 in 姓氏笔画 order; members without a 界别 come last, under
    其他."""
    groups: dict[str, RosterGroup] = {}
    for member in member_roster(committee=committee, term=term, order="sector"):
        seat = member.seats[0]
        if seat.status in LEFT or (standing and not seat.is_standing):
            continue
        label = seat.sector.name if seat.sector else "其他"
        groups.setdefault(label, RosterGroup(label, [])).names.append(printed_name(member))
    return list(groups.values())


def roster_title(committee: Committee, term: Term, standing: bool = False) -> str:
    """Return the roster's title the way a 政协 names its term: 示例市政协 → 政协示例市第五届
    委员会委员名单 (常务委员名单 for the 常委)."""
    who = "常务委员" if standing else "委员"
    name = committee.name.strip()
    if name.endswith("政协") and len(name) > 2:
        return f"政协{name[:-2]}{term.name}委员会{who}名单"
    return f"{name}{term.name}{who}名单"


def roster_docx(*, committee: Committee, term: Term, standing: bool = False) -> bytes:
    """Return the printed roster: title, count, and each 界别 with its names."""
    groups = roster_groups(committee=committee, term=term, standing=standing)
    total = sum(len(g.names) for g in groups)
    doc = word.document(title=roster_title(committee, term, standing), author=committee.name,
                        formal=True)
    word.paragraph(doc, roster_title(committee, term, standing), size=18, font="方正小标宋简体",
                   center=True)
    word.paragraph(doc, f"（共{total}名，按界别排列，同一界别内以姓氏笔画为序）", size=12,
                   font="楷体_GB2312", center=True)
    for group in groups:
        word.paragraph(doc, f"{group.sector}（{len(group.names)}名）", size=14, font="黑体")
        word.paragraph(doc, BETWEEN_NAMES.join(group.names), size=14)
    return word.to_bytes(doc)
