"""Excel import of members and handling units: the template, reading a file, checking its rows.

Nothing here writes. `services.org_import` reads and checks the whole file first, then applies
the checked rows in one transaction, so a single bad row means nothing is imported.
"""

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from xieshang.core.errors import ValidationError
from xieshang.textintel.resources import CJK_RANGES

from .models import Member, Membership, Party, Sector, SpecialCommittee, Term, Unit

MEMBER_SHEET = "委员"
UNIT_SHEET = "承办单位"
GUIDE_SHEET = "填写说明"

# Offices upload one file per term or per re-organisation; these bound the work per request.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# An xlsx is a zip archive; its unpacked size is bounded too, so a small "zip bomb" is refused
# before any XML is parsed.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
# Rows scanned per sheet, blank ones included, so a sheet styled down to row 1,048,576 is cheap.
MAX_SCAN_ROWS = 100_000
# Title rows above the header ("某某市政协第五届委员名单") are common; look this far for it.
HEADER_SEARCH_ROWS = 10
# The template's example row starts with this; such rows are never imported.
EXAMPLE_PREFIX = "示例"

YES_NO = {"是": True, "否": False}
GENDERS = {label: value for value, label in Member.Gender.choices}
STATUSES = {label: value for value, label in Membership.Status.choices}
UNIT_KINDS = {label: value for value, label in Unit.Kind.choices}
LIST_SEPARATORS = re.compile(r"[、，,;；\s]+")
MOBILE = re.compile(r"1[3-9]\d{9}")
PHONE = re.compile(r"[\d\s\-+()（）转/、,，]+")
TERM_NAME = re.compile(r"第?\s*(\d+)\s*届?")


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# --- Results and errors -------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in one cell, located as the office sees it in Excel."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"「{self.sheet}」第{self.row}行「{self.column}」：{self.message}"


class ImportInvalid(ValidationError):
    """The file has bad rows; carries every problem found so the office can fix them at once."""

    code = "import_invalid"

    def __init__(self, errors: list[RowError]):
        super().__init__(f"导入文件中有{len(errors)}处问题，未导入任何数据。请修改后重新上传。")
        self.errors = errors


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class NewLogin:
    """A login created by the import; the password is shown once and stored only hashed."""

    code: str
    name: str
    username: str
    password: str


@dataclass
class ImportResult:
    members: Counts = field(default_factory=Counts)
    units: Counts = field(default_factory=Counts)
    created_sectors: list[str] = field(default_factory=list)
    created_parties: list[str] = field(default_factory=list)
    created_special_committees: list[str] = field(default_factory=list)
    logins: list[NewLogin] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """Return the result as Chinese lines, passwords excluded."""
        lines = [
            f"委员：新增{self.members.created}人，更新{self.members.updated}人，"
            f"无变化{self.members.unchanged}人。",
            f"承办单位：新增{self.units.created}个，更新{self.units.updated}个，"
            f"无变化{self.units.unchanged}个。",
        ]
        for label, names in (
            ("界别", self.created_sectors),
            ("党派团体", self.created_parties),
            ("专委会", self.created_special_committees),
        ):
            if names:
                lines.append(f"新建{label}：{'、'.join(names)}。")
        if self.logins:
            lines.append(f"新建委员登录账户{len(self.logins)}个。")
        return lines + self.warnings

    def audit_payload(self) -> dict:
        """Return what the audit log keeps: counts and created names, never passwords."""
        return {
            "members": vars(self.members),
            "units": vars(self.units),
            "created_sectors": self.created_sectors,
            "created_parties": self.created_parties,
            "created_special_committees": self.created_special_committees,
            "logins_created": [login.username for login in self.logins],
        }


# --- Columns -----------------------------------------------------------------------------


class _Bad(Exception):
    """A cell value that cannot be accepted; the message is shown to the office."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    max_length: int | None = None
    clean: Callable[[str], Any] | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    example: str = ""
    width: int = 14
    as_text: bool = False


def _quote(text: str, limit: int = 40) -> str:
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


def _choice(mapping: dict[str, Any]) -> Callable[[str], Any]:
    def clean(text: str):
        if text not in mapping:
            raise _Bad(f"应为{'、'.join(mapping)}之一，当前为{_quote(text)}。")
        return mapping[text]

    return clean


def _mobile(text: str) -> str:
    digits = re.sub(r"[\s\-]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not MOBILE.fullmatch(digits):
        raise _Bad(f"应为11位手机号码，当前为{_quote(text)}。")
    return digits


def _phone(text: str) -> str:
    if not PHONE.fullmatch(text) or not any(c.isdigit() for c in text):
        raise _Bad(f"应为电话号码（数字、“-”、括号、“转”），当前为{_quote(text)}。")
    return text


ORDER_MAX = 9999


def _order(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= ORDER_MAX:
        raise _Bad(f"应为1至{ORDER_MAX}的整数，当前为{_quote(text)}。")
    return int(text)


def _email(text: str) -> str:
    try:
        validate_email(text)
    except DjangoValidationError as exc:
        raise _Bad(f"邮箱格式不正确，当前为{_quote(text)}。") from exc
    return text


def _term(text: str) -> int | str:
    # A number ("5", "第5届") or a term's name ("第五届"), resolved against the terms later.
    match = TERM_NAME.fullmatch(text)
    return int(match.group(1)) if match else text


def _name_list(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n for n in LIST_SEPARATORS.split(text) if n))
    limit = _max_length(SpecialCommittee, "name")
    too_long = [n for n in names if len(n) > limit]
    if too_long:
        raise _Bad(f"专委会名称不能超过{limit}个字：{_quote(too_long[0])}。")
    return names


# Rosters pad two-character names to the width of three (王　芳, 王  芳): spaces between Chinese
# characters are layout, not part of the name. Those in a Latin name (John Smith) stay, and the
# dot of a transliterated name, typed as • ・ ． or ., becomes the standard ·.
_HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES)
_HAN_GAP = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
_HAN_DOT = re.compile(rf"(?<=[{_HAN}])\s*[·•・‧∙⋅．.]\s*(?=[{_HAN}])")


def _person_name(text: str) -> str:
    return _HAN_DOT.sub("·", _HAN_GAP.sub("", text))


_username_validator = UnicodeUsernameValidator()


def _username(text: str) -> str:
    try:
        _username_validator(text)
    except DjangoValidationError as exc:
        raise _Bad(f"只能包含字母、数字和 @ . + - _，当前为{_quote(text)}。") from exc
    return text


MEMBER_COLUMNS = (
    Column("委员编号", "code", True, _max_length(Member, "code"), as_text=True, width=12,
           help="必填。本政协内唯一，再次导入时按此编号更新。", example="示例001"),
    Column("姓名", "name", True, _max_length(Member, "name"), clean=_person_name, width=10,
           help="必填。对齐用的空格（如“王　芳”）导入时去掉。", example="张三"),
    Column("性别", "gender", clean=_choice(GENDERS), choices=tuple(GENDERS), width=6,
           example="男"),
    # The format check is stricter than the column's max_length, which it therefore respects.
    Column("手机", "mobile", clean=_mobile,
           as_text=True, help="11位手机号码。", example="13800000000"),
    Column("邮箱", "email", max_length=_max_length(Member, "email"), clean=_email, width=20,
           example="zhangsan@example.com"),
    Column("工作单位及职务", "workplace", max_length=_max_length(Member, "workplace"),
           width=28, example="某某公司董事长"),
    Column("届次", "term", clean=_term, width=8,
           help="届的序号，如 5；不填则为当前届次。须是系统中已设置的届。", example=""),
    Column("界别", "sector", max_length=_max_length(Sector, "name"),
           help="系统中没有的界别导入时自动新建。", example="经济界"),
    Column("党派团体", "party", max_length=_max_length(Party, "name"),
           help="系统中没有的党派团体导入时自动新建。", example="民盟"),
    Column("专委会", "special_committees", clean=_name_list, width=24,
           help="可填多个，用顿号“、”或逗号分隔；没有的自动新建。再次导入时以文件为准替换。",
           example="提案委员会、经济委员会"),
    Column("常委", "is_standing", clean=_choice(YES_NO), choices=tuple(YES_NO), width=6,
           help="不填为否。", example="否"),
    Column("状态", "status", clean=_choice(STATUSES), choices=tuple(STATUSES), width=8,
           help="不填为在任。", example="在任"),
    Column("登录名", "username", max_length=150, clean=_username,
           help="可不填。填写后为该委员新建登录账户（角色：委员），初始密码在导入结果中显示一次，"
                "首次登录须修改。", example="zhangsan"),
)

UNIT_COLUMNS = (
    Column("单位名称", "name", True, _max_length(Unit, "name"), width=28,
           help="必填。本政协内唯一，再次导入时按名称更新。", example="示例：市某某局"),
    Column("简称", "short_name", max_length=_max_length(Unit, "short_name"), width=12,
           example="某某局"),
    Column("单位类型", "kind", True, clean=_choice(UNIT_KINDS), choices=tuple(UNIT_KINDS),
           width=10, example="政府"),
    Column("对口专委会", "liaison_committee", max_length=_max_length(SpecialCommittee, "name"),
           width=16, help="系统中没有的专委会导入时自动新建。", example="经济委员会"),
    Column("联系人", "contact_person", max_length=_max_length(Unit, "contact_person"),
           width=10, example="李四"),
    Column("联系电话", "contact_phone", max_length=_max_length(Unit, "contact_phone"),
           clean=_phone, as_text=True, width=16, example="0571-87000000"),
    Column("启用", "is_active", clean=_choice(YES_NO), choices=tuple(YES_NO), width=6,
           help="不填为是。", example="是"),
    Column("排序", "order", clean=_order, width=6,
           help=f"1至{ORDER_MAX}的整数，小的在前，如本级政府组成部门的序号；各处选择单位时按此排列。"
                "不填的单位排在后面，按单位类型和名称排列。", example="1"),
)

SHEETS = {MEMBER_SHEET: MEMBER_COLUMNS, UNIT_SHEET: UNIT_COLUMNS}


# --- Template ----------------------------------------------------------------------------


@dataclass
class Reference:
    """The committee's existing names, listed in the template so the file can match them."""

    terms: list[tuple[int, str]] = field(default_factory=list)
    current_term: int | None = None
    sectors: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    special_committees: list[str] = field(default_factory=list)


def unit_cells(unit: Unit) -> dict[str, Any]:
    """Return a unit as the 承办单位 sheet's cells, so that importing them changes nothing."""
    return {
        "单位名称": unit.name, "简称": unit.short_name or None, "单位类型": unit.get_kind_display(),
        "对口专委会": unit.liaison_committee.name if unit.liaison_committee else None,
        "联系人": unit.contact_person or None, "联系电话": unit.contact_phone or None,
        "启用": "是" if unit.is_active else "否", "排序": unit.order,
    }


def member_cells(member: Member, seat: Membership) -> dict[str, Any]:
    """Return a member's seat as the 委员 sheet's cells, so that importing them changes nothing.

    `member.user` and the seat's term, sector, party and special committees should be loaded.
    """
    return {
        "委员编号": member.code, "姓名": member.name,
        "性别": member.get_gender_display() or None, "手机": member.mobile or None,
        "邮箱": member.email or None, "工作单位及职务": member.workplace or None,
        "届次": seat.term.number, "界别": seat.sector.name if seat.sector else None,
        "党派团体": seat.party.name if seat.party else None,
        "专委会": "、".join(sc.name for sc in seat.special_committees.all()) or None,
        "常委": "是" if seat.is_standing else "否", "状态": seat.get_status_display(),
        "登录名": member.user.username if member.user else None,
    }


def template_bytes(*, reference: Reference | None = None,
                   members: Iterable[dict[str, Any]] = (),
                   units: Iterable[dict[str, Any]] = ()) -> bytes:
    """Build the import template: two data sheets and a sheet of instructions.

    `members` and `units` (cells by header, see `member_cells` and `unit_cells`) fill their
    sheets below the example row, so the office can download its roster or its units, edit them
    (排序, 联系人, 工作单位 …) and import the file back.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    reference = reference or Reference()
    book = Workbook()
    book.remove(book.active)
    required_fill = PatternFill("solid", fgColor="A4161A")
    optional_fill = PatternFill("solid", fgColor="495057")
    last = MAX_ROWS + 1
    for title, columns in SHEETS.items():
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        # An exported roster holds people only: the example row is for the blank template.
        rows = list(members if title == MEMBER_SHEET else units)
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = required_fill if column.required else optional_fill
            cell.alignment = Alignment(horizontal="center")
            if column.help:
                cell.comment = Comment(column.help, "协商")
            sheet.column_dimensions[letter].width = column.width
            if column.as_text:
                # Keeps leading zeros of codes and stops Excel from showing phones as 1.38E+10.
                sheet.column_dimensions[letter].number_format = "@"
            if not rows:
                _example_cell(sheet, index, column, reference)
            validation = _validation(column)
            if validation is not None:
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{last}")
        for cells in rows:
            sheet.append([cells.get(column.header) for column in columns])
    _guide_sheet(book.create_sheet(GUIDE_SHEET), reference)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _example_cell(sheet, index: int, column: Column, reference: Reference) -> None:
    from openpyxl.styles import Font

    example = column.example
    if column.field == "term" and reference.current_term:
        example = str(reference.current_term)
    cell = sheet.cell(row=2, column=index, value=example or None)
    cell.font = Font(italic=True, color="808080")
    if column.as_text:
        cell.number_format = "@"


def _validation(column: Column):
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.choices:
        return DataValidation(
            type="list", formula1=f'"{",".join(column.choices)}"', allow_blank=True,
            showErrorMessage=True, errorTitle="输入有误",
            error=f"请从下拉列表中选择：{'、'.join(column.choices)}",
        )
    if column.field == "term":
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1",
                              allow_blank=True, showErrorMessage=True, errorTitle="输入有误",
                              error="届次应为正整数，如 5。")
    if column.field == "mobile":
        return DataValidation(type="textLength", operator="equal", formula1="11",
                              allow_blank=True, showErrorMessage=True, errorStyle="warning",
                              errorTitle="请检查", error="手机号码应为11位。")
    return None


def _guide_sheet(sheet, reference: Reference) -> None:
    from openpyxl.styles import Alignment, Font

    table_header = ("工作表", "列名", "必填", "说明")
    rows: list[tuple[str, ...]] = [
        ("委员和承办单位导入说明",),
        (),
        ("1. 「委员」和「承办单位」两个工作表可以只填其一；第一行是表头，请勿修改列名。",),
        (f"2. 空白模板的第2行是示例（导出的名单不含示例行），以“{EXAMPLE_PREFIX}”开头的行不会导入，"
         "可以保留或删除。",),
        ("3. 红色表头为必填列。上传时先检查全部行，只要有一处问题，就不导入任何数据，"
         "并列出每处问题所在的工作表、行和列。",),
        ("4. 再次导入同一文件不会重复：委员按“委员编号”、承办单位按“单位名称”匹配并更新。"
         "文件中没有的委员和单位不受影响；文件中没有的列，已有数据保持不变。",),
        ("5. 系统中没有的界别、党派团体、专委会会自动新建，并在导入结果中列出。",),
        ("6. 填写“登录名”的委员会新建登录账户，初始密码只在导入结果中显示一次，请妥善转交。",),
        (f"7. 文件不超过{MAX_BYTES // (1024 * 1024)}MB，两个工作表合计不超过{MAX_ROWS}行。",),
        (),
        table_header,
    ]
    for title, columns in SHEETS.items():
        for column in columns:
            note = column.help
            if column.choices:
                note = f"可选值：{'、'.join(column.choices)}。{note}"
            if column.max_length and not column.choices:
                note = f"{note}最多{column.max_length}个字。"
            rows.append((title, column.header, "是" if column.required else "", note))
    rows.append(())
    if reference.terms:
        rows.append(("本政协已设置的届次：" + "、".join(f"{n}（{name}）"
                                                  for n, name in reference.terms),))
    for label, names in (("界别", reference.sectors), ("党派团体", reference.parties),
                         ("专委会", reference.special_committees)):
        if names:
            rows.append((f"本政协已有的{label}：" + "、".join(names),))
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    header_row = rows.index(table_header) + 1
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (12, 16, 6, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


# --- Reading -----------------------------------------------------------------------------


@dataclass
class SheetData:
    """A data sheet as read: where its header is, which known columns it has, its rows."""

    title: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, tuple]]
    ignored_headers: list[str] = field(default_factory=list)
    duplicate_headers: list[str] = field(default_factory=list)


BAD_FILE = "文件不是有效的Excel（.xlsx）文件，或文件已损坏。请用模板填写后另存为 .xlsx 再上传。"


def read_workbook(content: bytes) -> dict[str, SheetData]:
    """Open the upload and return its data sheets; refuse files that are not usable xlsx."""
    if not content:
        raise ValidationError("上传的文件为空。", code="import_bad_file", field="file")
    if len(content) > MAX_BYTES:
        raise ValidationError(f"文件不能超过{MAX_BYTES // (1024 * 1024)}MB。",
                              code="import_too_large", field="file")
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError("暂不支持旧版Excel（.xls）文件，请在Excel中另存为 .xlsx 后上传。",
                              code="import_bad_file", field="file")
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError(BAD_FILE, code="import_bad_file", field="file")

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(BAD_FILE, code="import_bad_file", field="file") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError("文件解压后过大，请删除多余的内容或分批导入。",
                              code="import_too_large", field="file")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        # openpyxl raises many types for damaged archives (BadZipFile, KeyError, XML errors).
        raise ValidationError(BAD_FILE, code="import_bad_file", field="file") from exc
    try:
        titles = {name.strip(): name for name in book.sheetnames}
        found = [t for t in SHEETS if t in titles]
        if not found:
            raise ValidationError(
                f"文件中没有「{MEMBER_SHEET}」或「{UNIT_SHEET}」工作表，请使用导入模板。",
                code="import_bad_file", field="file")
        sheets: dict[str, SheetData] = {}
        total = 0
        for title in found:
            data = _read_sheet(book[titles[title]], title, SHEETS[title])
            if data is None:
                continue
            total += len(data.rows)
            if total > MAX_ROWS:
                raise ValidationError(f"一次最多导入{MAX_ROWS}行，请分批导入。",
                                      code="import_too_large", field="file")
            sheets[title] = data
        if not sheets:
            raise ValidationError("文件中没有可导入的数据。", code="import_bad_file", field="file")
        return sheets
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(BAD_FILE, code="import_bad_file", field="file") from exc
    finally:
        book.close()


def _normal_header(value) -> str:
    text = re.sub(r"\s+", "", cell_text(value))
    text = re.sub(r"[（(]必填[)）]", "", text)
    return text.strip("*＊")


def _read_sheet(sheet, title: str, columns: tuple[Column, ...]) -> SheetData | None:
    """Read one data sheet; return None when the sheet is blank, so it is simply not imported."""
    known = {c.header for c in columns}
    key = columns[0].header
    rows = sheet.iter_rows(values_only=True)
    header_row, header, blank = 0, (), True
    for number, values in enumerate(rows, start=1):
        names = {_normal_header(v) for v in values}
        if key in names:
            header_row, header = number, values
            break
        blank = blank and names <= {""}
        if number >= HEADER_SEARCH_ROWS:
            break
    if not header_row and blank:
        return None
    if not header_row:
        raise ValidationError(
            f"「{title}」工作表前{HEADER_SEARCH_ROWS}行中没有找到表头（应包含「{key}」列）。",
            code="import_bad_file", field="file")
    positions: dict[str, int] = {}
    ignored, duplicated = [], []
    for index, value in enumerate(header):
        name = _normal_header(value)
        if not name:
            continue
        if name not in known:
            ignored.append(name)
        elif name in positions:
            duplicated.append(name)
        else:
            positions[name] = index
    width = max(positions.values()) + 1
    data: list[tuple[int, tuple]] = []
    for number, values in enumerate(rows, start=header_row + 1):
        if number > MAX_SCAN_ROWS:
            raise ValidationError(f"「{title}」工作表超过{MAX_SCAN_ROWS}行，请删除多余的行。",
                                  code="import_too_large", field="file")
        values = tuple(values[:width]) + (None,) * (width - len(values))
        if not any(cell_text(v) for v in values):
            continue
        data.append((number, values))
        if len(data) > MAX_ROWS:
            raise ValidationError(f"一次最多导入{MAX_ROWS}行，请分批导入。",
                                  code="import_too_large", field="file")
    return SheetData(title, header_row, positions, data, ignored, duplicated)


def cell_text(value) -> str:
    """Return a cell's value as the text the office typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value).replace("\u3000", " ").replace("\xa0", " ").strip()


# --- Checking ----------------------------------------------------------------------------


@dataclass
class MemberRow:
    row: int
    code: str
    name: str
    term: Term
    gender: str = ""
    mobile: str = ""
    email: str = ""
    workplace: str = ""
    sector: str = ""
    party: str = ""
    special_committees: tuple[str, ...] = ()
    is_standing: bool = False
    status: str = Membership.Status.ACTIVE
    username: str = ""
    # Fields whose column is in the sheet; an absent column leaves existing data alone.
    present: frozenset[str] = frozenset()


@dataclass
class UnitRow:
    row: int
    name: str
    kind: str
    short_name: str = ""
    liaison_committee: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    is_active: bool = True
    order: int | None = None
    present: frozenset[str] = frozenset()


@dataclass
class Lookups:
    """What the checks need from the database, loaded by the caller."""

    terms: list[Term]
    current_term: Term | None
    # Logins already linked to members, by member code.
    member_usernames: dict[str, str]
    # Every user name already taken, in any committee.
    taken_usernames: set[str]


@dataclass
class Plan:
    members: list[MemberRow]
    units: list[UnitRow]
    warnings: list[str]


def usernames_in(sheets: dict[str, SheetData]) -> set[str]:
    """Return the login names the file asks for, so the caller can look up which are taken."""
    sheet = sheets.get(MEMBER_SHEET)
    if sheet is None or "登录名" not in sheet.columns:
        return set()
    index = sheet.columns["登录名"]
    return {t for _, values in sheet.rows if (t := cell_text(values[index]))}


def codes_in(sheets: dict[str, SheetData]) -> set[str]:
    """Return the member codes in the file."""
    sheet = sheets.get(MEMBER_SHEET)
    if sheet is None or "委员编号" not in sheet.columns:
        return set()
    index = sheet.columns["委员编号"]
    return {t for _, values in sheet.rows if (t := cell_text(values[index]))}


def check(sheets: dict[str, SheetData], lookups: Lookups) -> Plan:
    """Check every row of every sheet; return the clean rows or raise with all problems."""
    errors: list[RowError] = []
    warnings: list[str] = []
    cleaned: dict[str, list[tuple[int, dict, bool]]] = {}
    for title, sheet in sheets.items():
        columns = SHEETS[title]
        for name in sheet.ignored_headers:
            warnings.append(f"「{title}」工作表中的「{name}」列不在模板中，已忽略。")
        for name in sheet.duplicate_headers:
            errors.append(RowError(title, sheet.header_row, name, "表头中重复出现此列。"))
        for column in columns:
            if column.required and column.header not in sheet.columns:
                errors.append(RowError(title, sheet.header_row, column.header, "缺少此必填列。"))
        if any(c.required and c.header not in sheet.columns for c in columns):
            continue
        cleaned[title] = list(_clean_rows(sheet, columns, errors))

    members = _check_members(cleaned.get(MEMBER_SHEET, []), lookups, errors)
    units = _check_units(cleaned.get(UNIT_SHEET, []), errors)
    if errors:
        # Stable sort: within a row, problems stay in column order.
        errors.sort(key=lambda e: (list(SHEETS).index(e.sheet), e.row))
        raise ImportInvalid(errors)
    if not members and not units:
        warnings.append("文件中没有可导入的行（示例行不导入）。")
    return Plan(members=members, units=units, warnings=warnings)


def _clean_rows(sheet: SheetData, columns: tuple[Column, ...], errors: list[RowError]
                ) -> Iterable[tuple[int, dict, bool]]:
    """Check each cell; yield every row with its good values and whether all cells were good.

    Rows with a bad cell still go through the row checks (repeats, terms, logins) so that
    one upload reports every problem; their bad cells are left out of the values.
    """
    present = [c for c in columns if c.header in sheet.columns]
    key = columns[0]
    for number, values in sheet.rows:
        if cell_text(values[sheet.columns[key.header]]).startswith(EXAMPLE_PREFIX):
            continue
        clean: dict[str, Any] = {}
        ok = True
        for column in present:
            text = cell_text(values[sheet.columns[column.header]])
            problem = None
            if not text:
                if column.required:
                    problem = "必填，不能为空。"
            elif column.max_length and len(text) > column.max_length:
                problem = f"不能超过{column.max_length}个字，当前为{len(text)}个字。"
            elif column.clean is not None:
                try:
                    clean[column.field] = column.clean(text)
                except _Bad as exc:
                    problem = str(exc)
            else:
                clean[column.field] = text
            if problem:
                errors.append(RowError(sheet.title, number, column.header, problem))
                clean.pop(column.field, None)
                ok = False
            elif not text:
                clean[column.field] = None
        clean["present"] = frozenset(c.field for c in present)
        yield number, clean, ok


def _first_seen(errors: list[RowError], sheet: str, column: str, seen: dict[str, int],
                value: str | None, number: int) -> bool:
    """Record a key value; report a repeat and say whether this is its first occurrence."""
    if value is None:
        return True
    if value in seen:
        errors.append(RowError(sheet, number, column,
                               f"与第{seen[value]}行重复（{_quote(value)}）。"))
        return False
    seen[value] = number
    return True


def _resolve_term(value, lookups: Lookups) -> Term | None:
    for term in lookups.terms:
        if value == term.number or value == term.name:
            return term
    return None


def _check_members(rows: list[tuple[int, dict, bool]], lookups: Lookups,
                   errors: list[RowError]) -> list[MemberRow]:
    sheet = MEMBER_SHEET
    codes: dict[str, int] = {}
    usernames: dict[str, int] = {}
    result = []
    for number, clean, cells_ok in rows:
        code = clean.get("code")
        ok = _first_seen(errors, sheet, "委员编号", codes, code, number) and cells_ok
        term_value = clean.get("term")
        if term_value is None:
            term = lookups.current_term
            if term is None:
                errors.append(RowError(sheet, number, "届次",
                                       "未填写届次，系统中也没有当前届次，请先设置届次或填写届次。"))
                ok = False
        else:
            term = _resolve_term(term_value, lookups)
            if term is None:
                known = "、".join(str(t.number) for t in lookups.terms) or "无"
                errors.append(RowError(sheet, number, "届次",
                                       f"系统中没有第{term_value}届（已设置的届次：{known}）。"
                                       if isinstance(term_value, int) else
                                       f"系统中没有届次{_quote(term_value)}"
                                       f"（已设置的届次：{known}）。"))
                ok = False
        username = clean.get("username") or ""
        if username:
            current = lookups.member_usernames.get(code) if code else None
            if current and current != username:
                errors.append(RowError(sheet, number, "登录名",
                                       f"该委员已有登录名{_quote(current)}，导入不能更改登录名。"))
                ok = False
            elif not current and username in lookups.taken_usernames:
                errors.append(RowError(sheet, number, "登录名",
                                       f"登录名{_quote(username)}已被使用。"))
                ok = False
            elif not _first_seen(errors, sheet, "登录名", usernames, username, number):
                ok = False
        if ok:
            values = {k: v for k, v in clean.items() if v is not None and k != "term"}
            result.append(MemberRow(row=number, term=term, **values))
    return result


def _check_units(rows: list[tuple[int, dict, bool]], errors: list[RowError]) -> list[UnitRow]:
    names: dict[str, int] = {}
    result = []
    for number, clean, cells_ok in rows:
        if _first_seen(errors, UNIT_SHEET, "单位名称", names, clean.get("name"), number) \
                and cells_ok:
            result.append(UnitRow(row=number, **{k: v for k, v in clean.items() if v is not None}))
    return result
