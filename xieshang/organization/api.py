"""API for the organisation: read sessions, sectors, bodies, units and members."""

from ninja import Router, Schema

from xieshang.api.schemas import responses

from . import selectors
from .models import Party, Sector, Session, SpecialCommittee

router = Router(tags=["组织机构"])


class SessionOut(Schema):
    id: int
    name: str
    year: int
    term_id: int
    opening_date: str
    closing_date: str
    proposal_deadline: str


class NamedOut(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    liaison_committee_id: int | None


class MemberOut(Schema):
    id: int
    code: str
    name: str


@router.get("/sessions", response=responses(list[SessionOut]), summary="次会议")
def session_list(request):
    return [
        {"id": s.pk, "name": s.name, "year": s.year, "term_id": s.term_id,
         "opening_date": s.opening_date.isoformat(), "closing_date": s.closing_date.isoformat(),
         "proposal_deadline": s.proposal_deadline.isoformat()}
        for s in Session.objects.filter(committee_id=request.user.committee_id)
    ]


@router.get("/sectors", response=responses(list[NamedOut]), summary="界别")
def sector_list(request):
    return list(Sector.objects.filter(committee_id=request.user.committee_id))


@router.get("/special-committees", response=responses(list[NamedOut]), summary="专门委员会")
def special_committee_list(request):
    return list(SpecialCommittee.objects.filter(committee_id=request.user.committee_id))


@router.get("/parties", response=responses(list[NamedOut]), summary="党派团体")
def party_list(request):
    return list(Party.objects.filter(committee_id=request.user.committee_id))


@router.get("/units", response=responses(list[UnitOut]), summary="承办单位")
def unit_list(request):
    return list(selectors.unit_list(committee=request.user.committee))


@router.get("/members", response=responses(list[MemberOut]), summary="委员")
def member_list(request):
    return list(selectors.member_list(committee=request.user.committee).only("id", "code", "name"))
