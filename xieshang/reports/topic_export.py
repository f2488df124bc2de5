"""Exports of a period's hot topics for the office's monthly, quarterly or annual analysis of
社情民意 and proposals: an Excel workbook (the list, every topic's members, how each figure is
defined) and a Word draft of the analysis (the figures written out, for the office to
complete)."""

from collections.abc import Callable
from datetime import datetime
from io import BytesIO

from django.utils import timezone
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from xieshang.core import clock, word

from .periods import Period
from .topics import PeriodTopics, TopicMember, TopicRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_LABELS = {"proposal": "提案", "opinion": "社情民意"}
TOPIC_HEAD = ["名次", "话题（代表性标题）", "关键词", "件数", "其中提案", "其中社情民意",
              "提出者", "联名/附议", "热度", "首次提交", "最近提交", "与上期比较"]
MEMBER_HEAD = ["话题名次", "话题", "类型", "提案号", "流水号", "标题", "提交时间", "链接"]


def file_name(period: Period, ext: str = "xlsx") -> str:
    return f"热点话题_{period.label}.{ext}"


def _local(t: datetime | None) -> datetime | None:
    """Excel keeps no time zone: write the committee's local time."""
    return timezone.localtime(t).replace(tzinfo=None) if t else None


def comparison(row: TopicRow) -> str:
    """What the page says of a topic against the period before, as one cell."""
    if row.is_new is None:
        return "未比较（上期无提交）"
    if row.earlier is None:
        return "新"
    e = row.earlier
    near = f"，最接近的一件：{e.closest}" if e.closest else ""
    return f"延续上期第{e.rank}位（{e.size}件）：{e.title}（相似度{e.score:.2f}{near}）"


def definitions(period: Period, read: PeriodTopics) -> list[str]:
    """The written definition of every column, with the parameters this export was scored with."""
    # scikit-learn comes with the text library: loaded when an export is written.
    from xieshang.textintel.topic_follow import CONTINUES_AT
    from xieshang.textintel.topics import VOTES_WEIGHT as votes_weight

    half_life = read.half_life_days
    return [
        f"统计范围：{period.label}（{period.first:%Y-%m-%d} 至 {period.end:%Y-%m-%d}，不含后者）"
        "首次提交的提案和社情民意信息；不含草稿，不含由提案转来的社情民意信息（它们已作为提案计入）。",
        "话题：按标题和正文开头的用词自动聚类，同一话题至少两件；一件也可单独成为话题，"
        "只要其联名/附议足够多。代表性标题是最接近话题中心的一件的标题。关键词由系统生成，仅供参考。",
        "件数：话题包含的提案和社情民意信息件数（明细见“话题明细”表）。",
        "提出者：话题中不同提出者的数目，分两类：集体提出者（以个计），以党派团体、专委会或界别"
        "名义提出的计该组织一次；个人提出者（以人计），其余提案计第一提案人，社情民意信息计第一"
        "撰稿人（第一撰稿人不是委员的，计录入人）。",
        "联名/附议：提案中已确认的联名委员人数，加社情民意信息中第一位以外的撰稿人人数。",
        f"热度 = Σ（每位提出者）0.5^(其在话题中最近一件距期末的天数 ÷ {half_life:g}) + "
        f"{votes_weight:g} × ln(1 + 联名/附议)。半衰期 {half_life:g} 天为统计期长度的四分之一"
        "（至少7天）：同一件事多人提出、近期提出的排在前面；一人重复提交只计一次。话题按热度排序。",
        f"与上期比较：与上一期（{period.previous().label}）的热点话题（最多100个）逐一比较，"
        f"相似度取两话题中心的余弦与两话题最接近两件的余弦的平均；最高者达到 {CONTINUES_AT:g} "
        "即为延续该话题，否则为“新”。上一期没有提交时不比较。",
        f"导出时间：{clock.localdate(clock.now()):%Y-%m-%d}。本表由系统根据提交记录生成；"
        "“话题明细”中的链接仅列出导出人有权查看的件。",
    ]


def _bold_row(ws, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")


def topics_xlsx(period: Period, read: PeriodTopics, *, link: Callable[[str], str]) -> bytes:
    """Return the workbook: 热点话题 (one row per topic), 话题明细 (one row per member) and 说明.

    `link` turns a member's page path into the address written in the sheet.
    """
    rows, proposals, opinions = read.topics, read.proposals, read.opinions
    wb = Workbook()
    ws = wb.active
    ws.title = "热点话题"
    ws.append([f"热点话题（{period.label}）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"本期共提交提案 {proposals} 件、社情民意信息 {opinions} 件，"
               f"归并出热点话题 {len(rows)} 个（按热度列出前 {len(rows)} 个）。"])
    ws.append(TOPIC_HEAD)
    _bold_row(ws, 3)
    for rank, r in enumerate(rows, 1):
        ws.append([rank, r.title, "、".join(r.keywords), r.size, r.proposals, r.opinions,
                   r.authors, r.votes, round(r.score, 2), _local(r.first), _local(r.last),
                   comparison(r)])
    for col in ("J", "K"):
        for cell in ws[col][3:]:
            cell.number_format = "yyyy-mm-dd hh:mm"
    for col, width in {"B": 48, "C": 30, "J": 17, "K": 17, "L": 60}.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"

    detail = wb.create_sheet("话题明细")
    detail.append(MEMBER_HEAD)
    _bold_row(detail, 1)
    for rank, r in enumerate(rows, 1):
        for m in r.members:
            detail.append([rank, r.title, KIND_LABELS.get(m.kind, m.kind), m.official_number,
                           m.receipt_number, m.title, _local(m.time),
                           link(m.url) if m.url else ""])
    for cell in detail["G"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    for col, width in {"B": 40, "D": 10, "E": 14, "F": 48, "G": 17, "H": 40}.items():
        detail.column_dimensions[col].width = width
    detail.freeze_panes = "A2"

    notes = wb.create_sheet("说明")
    for line in definitions(period, read):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    for cell in notes["A"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


_NUMERALS = "一二三四五六七八九十"


def _numbered(i: int) -> str:
    """（一）…（十）, then （11）…: the section numbers of a Chinese report."""
    return f"（{_NUMERALS[i - 1]}）" if i <= len(_NUMERALS) else f"（{i}）"


def _member_line(m: TopicMember) -> str:
    """One item as the draft cites it: a proposal by its 提案号 as the portal prints it
    (第085号提案), one without a 提案号 by its 流水号, said to be one."""
    if m.kind == "opinion":
        return f"社情民意信息《{m.title}》"
    if m.official_number:
        return f"第{m.official_number}号提案《{m.title}》"
    receipt = f"，流水号{m.receipt_number}" if m.receipt_number else ""
    return f"提案《{m.title}》（未编提案号{receipt}）"


def _title(read: PeriodTopics) -> str:
    """What the analysis covers, as its title says it."""
    if read.opinions and not read.proposals:
        return "社情民意热点问题分析"
    if read.proposals and not read.opinions:
        return "提案热点问题分析"
    return "社情民意和提案热点问题分析"


def _counted(read: PeriodTopics) -> str:
    """The sentence that says what the counts count, so that they can be set against the
    statistics page, which counts converted proposals among the 社情民意 items too."""
    text = ("以上件数均按首次提交时间统计，不含草稿；提案在审查中转为社情民意信息的，只作为提案计入，"
            "不重复计入社情民意信息。")
    n = read.converted_opinions
    if n:
        text += (f"本期由提案转来的社情民意信息{n}件，统计页面按转来日期将其计入社情民意信息，"
                 f"按该口径本期社情民意信息为{read.opinions + n}件。")
    return text


def _topic_paragraph(row: TopicRow, period: Period) -> str:
    parts = [f"{period.this}共{row.size}件"]
    if row.proposals and row.opinions:
        parts[0] += f"（提案{row.proposals}件、社情民意信息{row.opinions}件）"
    parts.append(row.proposers)
    if row.votes:
        parts.append(f"联名、附议{row.votes}人次")
    text = "，".join(parts) + f"。关键词：{'、'.join(row.keywords)}。"
    if row.is_new:
        text += "该话题为本期新出现的话题。"
    elif row.earlier is not None:
        e = row.earlier
        near = f"，与其中“{e.closest}”最接近" if e.closest else ""
        text += f"该话题延续上期第{e.rank}位话题“{e.title}”（{e.size}件{near}）。"
    return text


def topics_docx(period: Period, read: PeriodTopics) -> bytes:
    """Return a draft of the period's hot-topics analysis: the figures and each topic's items
    written out; the analysis and the suggestions are left for the office to write."""
    rows, proposals, opinions = read.topics, read.proposals, read.opinions
    doc = Document()
    word.paragraph(doc, f"{period.label}{_title(read)}", font="方正小标宋简体", size=22,
                   center=True)
    word.paragraph(doc, "（初稿，由系统根据提交记录生成，请核实补充）", font="楷体_GB2312",
                   size=14, center=True)
    word.paragraph(doc, "一、基本情况", font="黑体", size=16)
    word.paragraph(doc, f"{period.label}，共提交提案{proposals}件、社情民意信息{opinions}件。"
                   f"{_counted(read)}经系统按内容自动聚类，归并出热点话题{len(rows)}个，"
                   "按提出人数、时间新近程度和联名附议人数排序如下。", size=16, indent=True)
    word.paragraph(doc, "二、热点问题", font="黑体", size=16)
    if not rows:
        word.paragraph(doc, f"{period.this}暂无可归并的热点话题（同一话题至少两件）。", size=16,
                       indent=True)
    for i, row in enumerate(rows, 1):
        word.paragraph(doc, f"{_numbered(i)}{row.title}", font="楷体_GB2312", size=16,
                       bold=True)
        word.paragraph(doc, _topic_paragraph(row, period), size=16, indent=True)
        for m in row.members[:5]:
            word.paragraph(doc, _member_line(m), size=14, indent=True)
        if len(row.members) > 5:
            word.paragraph(doc, f"等{len(row.members)}件（全部见Excel导出的“话题明细”）。",
                           size=14, indent=True)
    word.paragraph(doc, "三、分析与建议", font="黑体", size=16)
    word.paragraph(doc, "（请信息办结合上述问题撰写原因分析和工作建议。）", size=16, indent=True)
    word.paragraph(doc, "附：统计口径", font="黑体", size=14)
    for line in definitions(period, read):
        word.paragraph(doc, line, size=12, indent=True)
    return word.to_bytes(doc)
