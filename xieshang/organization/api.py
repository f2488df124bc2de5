"""API for the organisation: read sessions, sectors, bodies, units and members; import Excel."""

from django.http import JsonResponse
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile

from xieshang.api.schemas import ErrorBody, responses
from xieshang.core.errors import NotFound, PermissionDenied

from . import importing, permissions, selectors, selectors_import, services
from .models import Party, Sector, Session, SpecialCommittee
from .selectors_import import import_reference
from .views import TEMPLATE_NAME, UNITS_EXPORT_NAME, XLSX, members_export_name, xlsx_response

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
    short_name: str
    kind: str
    liaison_committee_id: int | None
    order: int | None = Field(description="排序：本政协的单位序列，空为未排序（排在最后）")


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


class RowErrorOut(Schema):
    sheet: str
    row: int
    column: str
    message: str


class ImportInvalidOut(Schema):
    error: ErrorBody
    errors: list[RowErrorOut] = []


class CountsOut(Schema):
    created: int
    updated: int
    unchanged: int


class NewLoginOut(Schema):
    code: str
    name: str
    username: str
    password: str


class ImportResultOut(Schema):
    members: CountsOut
    units: CountsOut
    created_sectors: list[str]
    created_parties: list[str]
    created_special_committees: list[str]
    logins: list[NewLoginOut]
    warnings: list[str]


@router.get("/import/template", response=responses(None), summary="下载委员和承办单位导入模板",
            openapi_extra={"responses": {200: {"description": "导入模板（.xlsx）", "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
def import_template(request):
    if not permissions.can_import(request.user):
        raise PermissionDenied(services.DENIED)
    reference = import_reference(committee=request.user.committee)
    return xlsx_response(importing.template_bytes(reference=reference), TEMPLATE_NAME)


@router.get("/units/export", response=responses(None),
            summary="导出承办单位（导入格式，可修改排序等后导入）",
            openapi_extra={"responses": {200: {"description": "承办单位名单（.xlsx）", "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
def units_export(request):
    if not permissions.can_import(request.user):
        raise PermissionDenied(services.DENIED)
    return xlsx_response(selectors_import.units_export(committee=request.user.committee),
                         UNITS_EXPORT_NAME)


class MembersExportQuery(Schema):
    term: int = Field(..., ge=1, le=10_000, description="届次（届的序号，如 5）")
    order: str = Field("strokes", pattern="^(strokes|sector|code)$",
                       description="strokes 姓氏笔画（默认），sector 界别、姓氏笔画，code 委员编号")


@router.get("/members/export", response=responses(None),
            summary="导出一届委员名单（导入格式，可修改后导入）",
            openapi_extra={"responses": {200: {"description": "委员名单（.xlsx）", "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
def members_export(request, query: Query[MembersExportQuery]):
    if not permissions.can_import(request.user):
        raise PermissionDenied(services.DENIED)
    committee = request.user.committee
    term = selectors_import.term_numbered(committee=committee, number=query.term)
    if term is None:
        raise NotFound(f"本会没有第{query.term}届。")
    return xlsx_response(selectors_import.members_export(committee=committee, term=term,
                                                         order=query.order),
                         members_export_name(term))


@router.post("/import", response={**responses(ImportResultOut), 400: ImportInvalidOut},
             summary="导入委员和承办单位（Excel）",
             description="先检查全部行，有任何问题则不导入，400 响应的 errors 列出每处问题"
             "（工作表、行号、列名、说明）。新建登录账户的初始密码只在本响应中出现一次。")
def import_upload(request, file: File[UploadedFile]):
    try:
        return services.org_import(actor=request.user, committee=request.user.committee,
                                   content=file.read(importing.MAX_BYTES + 1))
    except importing.ImportInvalid as exc:
        # A response object, not a (status, body) tuple: that form is deprecated in newer ninja.
        body = ImportInvalidOut(
            error=ErrorBody(code=exc.code, message=exc.message, field=None),
            errors=[RowErrorOut(**vars(e)) for e in exc.errors],
        )
        return JsonResponse(body.model_dump(), status=400)
