"""The sentences of a work summary, written from `committee_figures`: what each part says,
which figures it cites, and when a sentence is left out (all its figures are 0)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.urls import reverse

from xieshang.core.numbers import percent
from xieshang.opinions.models import Level, SourceKind
from xieshang.organization.models import Session
from xieshang.proposals.models import Conversion, Proposal

from .summary_parts import TRACEABLE, Figure, Piece, Section, trace_link

PROPOSER_TYPES = dict(Proposal.ProposerType.choices)
KINDS = dict(Proposal.Kind.choices)
CONVERSIONS = {"opinion": "转为社情民意信息", "suggestion": "转为意见建议", "letter": "转为委员来信"}
assert set(CONVERSIONS) == set(Conversion.Kind.values)
LEVELS = dict(Level.choices)
SOURCES = dict(SourceKind.choices)
SATISFACTION = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}


def _part(name: str) -> str:
    """A committee's own name (a category, an activity type, a grade) as one part of a figure
    key: keys are dotted paths, so a dot in the name must not split it."""
    return str(name).replace(".", "·")


_SLOT = re.compile(r"\{(\w+)\}")


class Writer:
    """Writes the sections from the figures; each number becomes a `Figure`."""

    def __init__(self, figures: dict, year: int, as_of: date | None = None,
                 can_open: Callable[[str], bool] = lambda area: True,
                 session: Session | None = None):
        self.f = figures
        self.can_open = can_open
        self.year = year
        self.session = session
        # A running year is written "截至3月19日", and what is still under way is not a shortfall.
        self.as_of = as_of
        if session is not None:
            self.opening = f"{session.name}以来，" + (
                f"截至{as_of.month}月{as_of.day}日，" if as_of else "")
        else:
            self.opening = f"截至{as_of.month}月{as_of.day}日，" if as_of else "全年"

    # -- figures ---------------------------------------------------------------------------

    def value(self, key: str):
        node = self.f
        for part in key.split("."):
            node = node.get(part, 0) if isinstance(node, dict) else 0
        return node or 0

    def _link(self, key: str) -> str | None:
        area, url = None, None
        if key in TRACEABLE:
            area, url = "proposals", trace_link(key, self.year, self.session)
        elif key == "opinions.issues":
            area, url = "opinions", reverse("opinions:issues")
        elif key.startswith("opinions."):
            area, url = "opinions", reverse("opinions:list")
        elif key.startswith("activities."):
            area, url = "activities", reverse("activities:list")
        elif key.startswith(("members.", "appraisal.")):
            area, url = "appraisal", reverse("appraisal:workspace")
        elif key.startswith(("key_proposal", "excellent_proposals")):
            area, url = "supervision", reverse("supervision:list")
        if area is None or not self.can_open(area):
            return None
        if area == "proposals":
            return url
        return url + (f"?session={self.session.pk}" if self.session else f"?year={self.year}")

    def n(self, key: str, unit: str = "件", value: int | None = None) -> Figure:
        return Figure(f"{self.value(key) if value is None else value}{unit}", key,
                      self._link(key))

    def pct(self, key: str, value: float | None = None) -> Figure:
        return Figure(percent(self.value(key) if value is None else value), key, self._link(key))

    @staticmethod
    def para(template: str, **slots: Figure | str) -> list[Piece]:
        """Split a sentence at its {slots} into text and figures."""
        pieces: list[Piece] = []
        at = 0
        for m in _SLOT.finditer(template):
            pieces.append(template[at:m.start()])
            pieces.append(slots[m.group(1)])
            at = m.end()
        pieces.append(template[at:])
        return [p for p in pieces if p != ""]

    def listing(self, items: list[tuple[str, Figure]], sep: str = "、") -> list[Piece]:
        """"A3件、B2件": name then figure, joined; empty when every figure is 0."""
        out: list[Piece] = []
        for name, fig in items:
            if out:
                out.append(sep)
            out += [name, fig]
        return out

    # -- sections --------------------------------------------------------------------------

    def proposals(self, heading: str = "一、提案工作") -> Section:
        s = Section(heading)
        if not self.value("submitted"):
            return s
        intake = self.para(self.opening + "共收到提案{submitted}，经审查立案{accepted}，立案率{rate}。",
                           submitted=self.n("submitted"), accepted=self.n("accepted"),
                           rate=self.pct("acceptance_rate"))
        kinds = [(KINDS.get(k, k), self.n(f"by_kind.{k}.submitted"))
                 for k in ("plenary", "in_year") if self.value(f"by_kind.{k}.submitted")]
        if len(kinds) > 1:
            intake += ["其中", *self.listing(kinds), "。"]
        types = [(PROPOSER_TYPES.get(t, t) + "提案", self.n(f"by_proposer_type.{t}.submitted"))
                 for t in PROPOSER_TYPES if self.value(f"by_proposer_type.{t}.submitted")]
        if types:
            intake += ["按提出者分，", *self.listing(types), "。"]
        others = [(CONVERSIONS[k], self.n(f"converted_by_kind.{k}"))
                  for k in CONVERSIONS if self.value(f"converted_by_kind.{k}")]
        others = ([("不予立案", self.n("refused"))] if self.value("refused") else []) + others
        others += [(label, self.n(key)) for label, key in (("并案处理", "merged"),
                                                           ("提出者撤案", "withdrawn"),
                                                           ("尚在审查中", "pending"))
                   if self.value(key)]
        if others:
            intake += ["未立案的提案中，", *self.listing(others, "，"), "。"]
        s.paragraphs.append(intake)
        s.paragraphs.append(self._categories())
        s.paragraphs += [p for p in (self._handling(), self._satisfaction(), self._key(),
                                     self._disclosure()) if p]
        return s

    def _categories(self) -> list[Piece]:
        submitted = self.value("submitted")
        rows = sorted(self.value("by_category").items(), key=lambda kv: -kv[1]["submitted"])
        items = [(name, self.n(f"by_category.{_part(name)}.submitted",
                               f"件（占{percent(row['submitted'] / submitted)}）", row["submitted"]))
                 for name, row in rows if row["submitted"]]
        return ["从内容看，", *self.listing(items, "，"), "。"]

    def _handling(self) -> list[Piece]:
        if not self.value("assigned"):
            return []
        text = self.para("立案提案交承办单位办理{assigned}，已办复{replied}，办复率{reply_rate}；"
                         "按期办复{on_time}，按期办复率{on_time_rate}。",
                         assigned=self.n("assigned"), replied=self.n("replied"),
                         reply_rate=self.pct("reply_rate"), on_time=self.n("on_time"),
                         on_time_rate=self.pct("on_time_rate"))
        open_ = self.value("accepted") - self.value("replied")
        if open_ and self.as_of:
            text += self.para("其余{n}正在办理。", n=self.n("unreplied", "件", open_))
        classes = self.value("result_classes")
        total = sum(row["count"] for row in classes.values())
        if total:
            items = [(f"{row['label'] or code}的", self.n(f"result_classes.{_part(code)}.count",
                                                          f"件次（占{percent(row['rate'])}）",
                                                          row["count"]))
                     for code, row in classes.items() if row["count"]]
            text += ["承办单位答复", self.n("replying_units", "件次", total), "中，",
                     *self.listing(items, "，"), "。"]
        return text

    def _satisfaction(self) -> list[Piece]:
        forms = self.value("satisfaction.forms_returned")
        if not forms:
            return []
        good = (self.value("satisfaction.overall.satisfied.count")
                + self.value("satisfaction.overall.basic.count"))
        levels = [(SATISFACTION[lvl], self.n(f"satisfaction.overall.{lvl}.count", "份"))
                  for lvl in SATISFACTION if self.value(f"satisfaction.overall.{lvl}.count")]
        text = ["提出者反馈征询意见表", self.n("satisfaction.forms_returned", "份"),
                "，对办理工作总体评价", *self.listing(levels), "，满意和基本满意率",
                self.pct("satisfaction.overall.satisfied_or_basic_rate", good / forms), "。"]
        if self.value("rehandled"):
            text += self.para("因提出者不满意等重新办理{n}。", n=self.n("rehandled"))
        return text

    def _key(self) -> list[Piece]:
        text: list[Piece] = []
        if self.value("key_proposals"):
            text += self.para("确定重点提案{key}，涵盖提案{covered}",
                              key=self.n("key_proposals"),
                              covered=self.n("key_proposal_detail.proposals_covered"))
            more = [(label, self.n(f"key_proposal_detail.{k}", "次"))
                    for label, k in (("开展督办活动", "supervision_activities"),
                                     ("获得领导批示", "instructions"))
                    if self.value(f"key_proposal_detail.{k}")]
            text += (["，", *self.listing(more, "，")] if more else []) + ["。"]
        if self.value("excellent_proposals.excellent"):
            text += self.para("评定优秀提案{n}。", n=self.n("excellent_proposals.excellent"))
        return text

    def _disclosure(self) -> list[Piece]:
        if not self.value("disclosure.passed"):
            return []
        ways = [(label, self.n(f"disclosure.{k}")) for label, k in
                (("全文", "published_full"), ("摘要", "published_summary"))
                if self.value(f"disclosure.{k}")]
        text = self.para("审核通过的答复{passed}中，已公开{published}",
                         passed=self.n("disclosure.passed"),
                         published=self.n("disclosure.published"))
        if len(ways) > 1:
            text += ["（", *self.listing(ways), "）"]
        text += self.para("，公开率{rate}", rate=self.pct("disclosure.publication_rate"))
        if self.value("disclosure.not_published"):
            text += self.para("；依规不予公开{n}", n=self.n("disclosure.not_published"))
        return [*text, "。"]

    def opinions(self) -> Section:
        s = Section("二、社情民意信息工作")
        if not self.value("opinions.submitted"):
            return s
        text = self.para(self.opening + "收到社情民意信息{submitted}，录用{used}，录用率{rate}",
                         submitted=self.n("opinions.submitted", "条"),
                         used=self.n("opinions.used", "条"), rate=self.pct("opinions.use_rate"))
        if self.value("opinions.issues"):
            text += self.para("；编发《社情民意》{issues}", issues=self.n("opinions.issues", "期"))
        text.append("。")
        sources = [(SOURCES[k], self.n(f"opinions.by_source_kind.{k}", "条")) for k in SOURCES
                   if self.value(f"opinions.by_source_kind.{k}")]
        if sources:
            text += ["按来源分，", *self.listing(sources), "。"]
        s.paragraphs.append(text)
        if self.value("opinions.adopted"):
            levels = [(LEVELS[k], self.n(f"opinions.adopted_by_level.{k}", "条")) for k in LEVELS
                      if self.value(f"opinions.adopted_by_level.{k}")]
            text = self.para("被各级采用{adopted}（采用{adoptions}）",
                             adopted=self.n("opinions.adopted", "条"),
                             adoptions=self.n("opinions.adoptions", "次"))
            text += (["，其中", *self.listing(levels)] if levels else []) + ["。"]
            if self.value("opinions.instructions"):
                text += self.para("获得领导批示{n}。", n=self.n("opinions.instructions", "次"))
            if self.value("opinions.transferred"):
                text += self.para("转有关单位办理{n}。", n=self.n("opinions.transferred", "条"))
            s.paragraphs.append(text)
        return s

    def activities(self) -> Section:
        s = Section("三、协商议政和委员履职活动")
        topics = "activities.consultation_topics"
        if self.value(f"{topics}.planned"):
            text = self.para("年度协商计划安排协商议题{planned}，已开展{held}",
                             planned=self.n(f"{topics}.planned", "项"),
                             held=self.n(f"{topics}.held", "项"))
            if self.value(f"{topics}.cancelled"):
                text += self.para("，取消{n}", n=self.n(f"{topics}.cancelled", "项"))
            waiting = self._topics_waiting()
            if waiting and self.as_of:
                text += self.para("，其余{n}按计划推进", n=self.n(f"{topics}.open", "项", waiting))
            s.paragraphs.append([*text, "。"])
        if self.value("activities.count"):
            text = self.para(self.opening + "组织各类活动{count}，委员参加{part}（应参加{expected}）",
                             count=self.n("activities.count", "次"),
                             part=self.n("activities.participations", "人次"),
                             expected=self.n("activities.expected", "人次"))
            rows = sorted(self.value("activities.by_type").items(),
                          key=lambda kv: (-kv[1]["count"], kv[0]))
            items = [(name, self.n(f"activities.by_type.{_part(name)}.count", "次", row["count"]))
                     for name, row in rows if row["count"]]
            text += ["，其中", *self.listing(items), "。"]
            sc = "activities.by_organiser_kind.special_committee"
            if self.value(f"{sc}.count"):
                text += self.para("各专门委员会组织活动{n}、{p}。", n=self.n(f"{sc}.count", "次"),
                                  p=self.n(f"{sc}.participations", "人次"))
            if self.value("activities.leave"):
                text += self.para("委员请假{n}。", n=self.n("activities.leave", "人次"))
            s.paragraphs.append(text)
        return s

    def _topics_waiting(self) -> int:
        topics = "activities.consultation_topics"
        return (self.value(f"{topics}.planned") - self.value(f"{topics}.held")
                - self.value(f"{topics}.cancelled"))

    def members(self) -> Section:
        s = Section("四、委员队伍和履职管理")
        if not self.value("members.seats"):
            return s
        text = self.para("本届委员{seats}（其中常委{standing}），" + ("目前" if self.as_of else "年末")
                         + "在任{active}。",
                         seats=self.n("members.seats", "名"),
                         standing=self.n("members.standing", "名"),
                         active=self.n("members.active", "名"))
        if self.value("appraisal.published"):
            grades = [(name, self.n(f"appraisal.by_grade.{_part(name)}", "名", count))
                      for name, count in self.value("appraisal.by_grade").items() if count]
            text += [f"按《{self.value('appraisal.rule_set')}》开展年度履职考评，考评委员",
                     self.n("appraisal.appraised", "名"), "，其中", *self.listing(grades), "。"]
        else:
            text.append(f"{self.year}年度履职考评结果尚未公布。")
        decisions = [(label, self.n(f"members.{k}", "名"))
                     for label, k in (("谈话提醒", "talks"), ("劝辞", "persuaded_to_resign"),
                                      ("撤销委员资格", "revoked")) if self.value(f"members.{k}")]
        if decisions:
            text += ["根据履职情况，", *self.listing(decisions), "。"]
        s.paragraphs.append(text)
        return s

    def shortfalls(self, heading: str = "五、从数据看需要改进的方面",
                   proposals_only: bool = False) -> Section:
        """需要改进的方面: only what the figures show, one point each."""
        s = Section(heading)
        late = self.value("replied") - self.value("on_time")
        if late:
            s.paragraphs.append(self.para("{late}提案未按期办复，按期办复率为{rate}。",
                                          late=self.n("late", "件", late),
                                          rate=self.pct("on_time_rate")))
        open_ = self.value("accepted") - self.value("replied")
        if open_ and not self.as_of:
            s.paragraphs.append(self.para("立案提案中尚有{n}未办复。",
                                          n=self.n("unreplied", "件", open_)))
        unhappy = self.value("satisfaction.overall.unsatisfied.count")
        result = self.value("satisfaction.result.unsatisfied.count")
        if unhappy or result:
            s.paragraphs.append(self.para(
                "征询意见表中总体评价不满意{n}，对办理结果不满意{r}。",
                n=self.n("satisfaction.overall.unsatisfied.count", "份"),
                r=self.n("satisfaction.result.unsatisfied.count", "份")))
        if self.value("disclosure.awaiting_overdue"):
            s.paragraphs.append(self.para("{n}答复已超过公开期限，尚未决定是否公开。",
                                          n=self.n("disclosure.awaiting_overdue")))
        if proposals_only:
            return s
        topics = "activities.consultation_topics"
        waiting = self._topics_waiting()
        if waiting and not self.as_of:
            s.paragraphs.append(self.para("协商计划中尚有{n}议题未开展。",
                                          n=self.n(f"{topics}.open", "项", waiting)))
        if self.value("activities.absence"):
            s.paragraphs.append(self.para("委员未请假缺席活动{n}。",
                                          n=self.n("activities.absence", "人次")))
        return s
