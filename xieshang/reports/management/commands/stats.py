"""`xieshang stats`: print the figures of a year or a session, computed from events."""

import json

from django.core.management.base import BaseCommand, CommandError

from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.organization.models import Session
from xieshang.proposals.stats import trace
from xieshang.reports.figures import committee_figures


class Command(BaseCommand):
    help = "按年度或会议输出统计数据（口径见 docs/statistics.md）"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="政协组织标识；库中只有一个组织时可省略")
        parser.add_argument("--year", type=int, help="年度，如 2020")
        parser.add_argument("--session", type=int, help="次会议编号（ID）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--trace", metavar="FIGURE",
                            help="列出计入某项数据的提案（submitted/accepted/refused/…）")

    def handle(self, *args, **opts):
        committee = self._committee(opts["committee"])
        with clock.for_committee(committee):
            return self._report(committee, opts)

    def _report(self, committee: Committee, opts: dict):
        if opts["year"] is None and opts["session"] is None:
            raise CommandError("请用 --year 或 --session 指定统计范围。")
        if opts["session"] is not None and not Session.objects.filter(
            committee=committee, pk=opts["session"]
        ).exists():
            raise CommandError(f"{committee.name}没有编号为 {opts['session']} 的会议。")
        if opts["trace"]:
            return self._trace(committee, opts)
        figures = committee_figures(committee=committee, year=opts["year"],
                                    session_id=opts["session"])
        if opts["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")

    def _committee(self, slug: str | None) -> Committee:
        if slug:
            committee = Committee.objects.filter(slug=slug).first()
            if committee is None:
                raise CommandError(f"未找到标识为「{slug}」的政协组织。")
            return committee
        committees = list(Committee.objects.all()[:2])
        if len(committees) != 1:
            raise CommandError("库中有多个（或没有）政协组织，请用 --committee 指定。")
        return committees[0]

    def _trace(self, committee: Committee, opts) -> None:
        from xieshang.proposals.models import Proposal

        try:
            ids = trace(committee_id=committee.pk, figure=opts["trace"], year=opts["year"],
                        session_id=opts["session"])
        except ValueError as exc:
            raise CommandError(f"不支持追溯「{opts['trace']}」。") from exc
        rows = Proposal.objects.filter(pk__in=ids).order_by("receipt_seq")
        for p in rows.values("id", "receipt_number", "official_number", "title"):
            self.stdout.write(
                f"{p['id']}\t{p['receipt_number']}\t{p['official_number'] or '-'}\t{p['title']}"
            )
        self.stdout.write(f"共 {len(ids)} 件")
