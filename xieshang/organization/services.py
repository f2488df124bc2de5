"""Writes about the organisation: the Excel import of members and handling units."""

import secrets
from collections.abc import Callable

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.services import audit, user_create
from xieshang.core.errors import PermissionDenied
from xieshang.core.models import Committee
from xieshang.textintel.strokes import name_key

from . import importing
from .importing import Counts, ImportResult, MemberRow, NewLogin, Plan, UnitRow
from .models import Member, Membership, Party, Sector, SpecialCommittee, Unit
from .permissions import can_import
from .selectors_import import import_lookups

BATCH = 500
DENIED = "只有本政协的系统管理员可以导入委员和承办单位。"

# Names that make a new 党派团体 a party rather than a people's organisation: the CPC and the
# eight democratic parties, by short and full name. Anything else is created as a group.
PARTY_PREFIXES = (
    "中国共产党", "中共", "民革", "中国国民党革命委员会", "民盟", "民建", "民进", "中国民主",
    "农工", "中国农工民主党", "致公", "中国致公党", "九三", "台盟", "台湾民主自治同盟",
)

# Easy to read aloud and type: no 0/O, 1/l/I.
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def org_import(*, actor: User, committee: Committee, content: bytes) -> ImportResult:
    """Import members and units from an xlsx file: check every row, then write all or nothing."""
    if not can_import(actor, committee):
        raise PermissionDenied(DENIED)
    sheets = importing.read_workbook(content)
    with transaction.atomic():
        # One import per committee at a time, so two uploads cannot both create the same rows.
        Committee.objects.select_for_update(of=("self",)).filter(pk=committee.pk).first()
        lookups = import_lookups(committee=committee, usernames=importing.usernames_in(sheets))
        plan = importing.check(sheets, lookups)
        result = _apply(actor=actor, committee=committee, plan=plan)
        audit(action="org_import", actor=actor, committee_id=committee.pk,
              target=f"委员{len(plan.members)}行，承办单位{len(plan.units)}行",
              **result.audit_payload())
    return result


def _apply(*, actor: User, committee: Committee, plan: Plan) -> ImportResult:
    result = ImportResult(warnings=[*plan.warnings,
                                    *_same_person_warnings(committee, plan.members)])
    sectors, result.created_sectors = _ensure_named(
        Sector, committee, [r.sector for r in plan.members if r.sector])
    parties, result.created_parties = _ensure_named(
        Party, committee, [r.party for r in plan.members if r.party], kind=_party_kind)
    bodies, result.created_special_committees = _ensure_named(
        SpecialCommittee, committee,
        [n for r in plan.members for n in r.special_committees]
        + [r.liaison_committee for r in plan.units if r.liaison_committee])
    result.units = _apply_units(committee, plan.units, bodies)
    result.members, result.logins = _apply_members(actor, committee, plan.members, sectors,
                                                   parties, bodies)
    return result


def _same_person_warnings(committee: Committee, rows: list[MemberRow]) -> list[str]:
    """Warn of each new 委员编号 whose name and mobile are those of another member, in the
    committee or on an earlier row: a member given a new number becomes a second record."""
    known: dict[tuple[str, str], str] = {}
    codes = set()
    for code, name, mobile in Member.objects.filter(committee=committee).values_list(
            "code", "name", "mobile"):
        codes.add(code)
        if mobile:
            known.setdefault((name, mobile), code)
    warnings = []
    for row in rows:
        if not row.mobile:
            continue
        other = known.setdefault((row.name, row.mobile), row.code)
        if other != row.code and row.code not in codes:
            warnings.append(f"第{row.row}行：{row.name}（委员编号{row.code}）与委员编号{other}"
                            "的姓名和手机相同，请核对是否为同一人（更改委员编号会新增一名委员）。")
    return warnings


def _party_kind(name: str) -> dict:
    is_party = name.startswith(PARTY_PREFIXES)
    return {"kind": Party.Kind.PARTY if is_party else Party.Kind.GROUP}


def _ensure_named(model, committee: Committee, names: list[str],
                  kind: Callable[[str], dict] | None = None) -> tuple[dict, list[str]]:
    """Return the committee's rows of `model` by name, creating missing ones after the last."""
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}, []
    rows = model.objects.filter(committee=committee)
    existing = {o.name: o for o in rows}
    missing = [n for n in wanted if n not in existing]
    if missing:
        order = max((o.order for o in existing.values()), default=0)
        model.objects.bulk_create(
            model(committee=committee, name=n, order=order + i, **(kind(n) if kind else {}))
            for i, n in enumerate(missing, start=1)
        )
        existing = {o.name: o for o in rows.all()}
    return existing, missing


def _changes(obj, values: dict) -> list[str]:
    """Set the values on obj and return the names of fields that actually changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _present(row, fields: dict) -> dict:
    """Keep the values whose column is in the sheet; keys may be `column:attribute`."""
    kept = {}
    for key, value in fields.items():
        column, _, attribute = key.partition(":")
        if column in row.present:
            kept[attribute or column] = value
    return kept


def _apply_units(committee: Committee, rows: list[UnitRow], bodies: dict) -> Counts:
    counts = Counts()
    existing = {u.name: u for u in Unit.objects.filter(committee=committee)}
    to_create, to_update, fields = [], [], set()
    for row in rows:
        body = bodies.get(row.liaison_committee) if row.liaison_committee else None
        values = _present(row, {
            "short_name": row.short_name, "kind": row.kind, "contact_person": row.contact_person,
            "contact_phone": row.contact_phone, "is_active": row.is_active, "order": row.order,
            "liaison_committee:liaison_committee_id": body.pk if body else None,
        })
        unit = existing.get(row.name)
        if unit is None:
            to_create.append(Unit(committee=committee, name=row.name, **values))
            counts.created += 1
        elif changed := _changes(unit, values):
            to_update.append(unit)
            fields.update(changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
    Unit.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Unit.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH)
    return counts


def _apply_members(actor: User, committee: Committee, rows: list[MemberRow], sectors: dict,
                   parties: dict, bodies: dict) -> tuple[Counts, list[NewLogin]]:
    counts = Counts()
    members = {m.code: m for m in Member.objects.filter(committee=committee)}
    seats = {
        (s.member_id, s.term_id): s
        for s in Membership.objects.filter(
            committee=committee, term__in={r.term.pk for r in rows}
        ).prefetch_related("special_committees")
    }
    new_members, changed_members, member_fields = [], [], set()
    status: dict[str, str] = {}
    for row in rows:
        values = _present(row, {"name": row.name, "gender": row.gender, "mobile": row.mobile,
                                "email": row.email, "workplace": row.workplace})
        member = members.get(row.code)
        if member is None:
            member = Member(committee=committee, code=row.code, **values)
            member.name_key = name_key(member.name)
            new_members.append(member)
            members[row.code] = member
            status[row.code] = "created"
        elif changed := _changes(member, values):
            if "name" in changed:
                member.name_key = name_key(member.name)
                changed.append("name_key")
            changed_members.append(member)
            member_fields.update(changed)
            status[row.code] = "updated"
        else:
            status[row.code] = "unchanged"
    Member.objects.bulk_create(new_members, batch_size=BATCH)
    if any(m.pk is None for m in new_members):
        # Backends that cannot return keys from a bulk insert: read them back by code.
        keys = dict(Member.objects.filter(committee=committee).values_list("code", "pk"))
        for m in new_members:
            m.pk = keys[m.code]
    if changed_members:
        Member.objects.bulk_update(changed_members, sorted(member_fields), batch_size=BATCH)

    new_seats, changed_seats, seat_fields = [], [], set()
    body_sets: list[tuple[Membership, list[int]]] = []
    for row in rows:
        member = members[row.code]
        wanted = _present(row, {
            "sector:sector_id": sectors[row.sector].pk if row.sector else None,
            "party:party_id": parties[row.party].pk if row.party else None,
            "is_standing": row.is_standing, "status": row.status,
        })
        body_ids = sorted(bodies[n].pk for n in row.special_committees)
        seat = seats.get((member.pk, row.term.pk))
        if seat is None:
            seat = Membership(committee=committee, member=member, term=row.term, **wanted)
            new_seats.append(seat)
            if body_ids:
                body_sets.append((seat, body_ids))
            _mark_updated(status, row.code)
            continue
        changed = _changes(seat, wanted)
        if changed:
            changed_seats.append(seat)
            seat_fields.update(changed)
        current_ids = sorted(b.pk for b in seat.special_committees.all())
        if "special_committees" in row.present and current_ids != body_ids:
            body_sets.append((seat, body_ids))
            changed.append("special_committees")
        if changed:
            _mark_updated(status, row.code)
    Membership.objects.bulk_create(new_seats, batch_size=BATCH)
    if any(s.pk is None for s in new_seats):
        keys = {(m, t): pk for m, t, pk in Membership.objects.filter(committee=committee)
                .values_list("member_id", "term_id", "pk")}
        for s in new_seats:
            s.pk = keys[(s.member_id, s.term_id)]
    if changed_seats:
        Membership.objects.bulk_update(changed_seats, sorted(seat_fields), batch_size=BATCH)
    _replace_special_committees(body_sets)

    logins = _create_logins(actor, committee, rows, members, status)
    for value in status.values():
        setattr(counts, value, getattr(counts, value) + 1)
    return counts, logins


def _mark_updated(status: dict[str, str], code: str) -> None:
    if status[code] == "unchanged":
        status[code] = "updated"


def _replace_special_committees(body_sets: list[tuple[Membership, list[int]]]) -> None:
    """Make each seat's special committees exactly the file's list."""
    if not body_sets:
        return
    through = Membership.special_committees.through
    seat_ids = [seat.pk for seat, _ in body_sets]
    for start in range(0, len(seat_ids), BATCH):
        through.objects.filter(membership_id__in=seat_ids[start:start + BATCH]).delete()
    through.objects.bulk_create(
        (through(membership_id=seat.pk, specialcommittee_id=body_id)
         for seat, body_ids in body_sets for body_id in body_ids),
        batch_size=BATCH,
    )


def _initial_password() -> str:
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def _create_logins(actor: User, committee: Committee, rows: list[MemberRow],
                   members: dict[str, Member], status: dict[str, str]) -> list[NewLogin]:
    logins, linked = [], []
    for row in rows:
        member = members[row.code]
        if not row.username or member.user_id is not None:
            continue
        password = _initial_password()
        member.user = user_create(
            committee=committee, username=row.username, full_name=row.name, password=password,
            roles=[{"role": Role.MEMBER}], phone=row.mobile, must_change_password=True,
            actor=actor,
        )
        linked.append(member)
        logins.append(NewLogin(code=row.code, name=row.name, username=row.username,
                               password=password))
        _mark_updated(status, row.code)
    if linked:
        Member.objects.bulk_update(linked, ["user"], batch_size=BATCH)
    return logins
