"""`xieshang demo`: load the demo 政协 into an empty database, or report on it."""

import time

from django.core.management.base import BaseCommand, CommandError

from xieshang.core.models import Committee
from xieshang.demo.accounts import account_rows, unit_account_rows
from xieshang.demo.context import NAME, PASSWORD, SLUG
from xieshang.demo.loader import NotEmpty, demo_status, load_demo


class Command(BaseCommand):
    help = "加载演示数据：示例市政协及其2020年（五届四次会议）提案工作。只能加载到空数据库。"

    def add_arguments(self, parser):
        parser.add_argument("--status", action="store_true",
                            help="只输出 empty（空数据库）或 loaded（已有数据）")
        parser.add_argument("--accounts", action="store_true", help="列出各角色的演示账号和密码")

    def handle(self, *args, status=False, accounts=False, **options):
        if status:
            self.stdout.write(demo_status())
            return
        if accounts:
            self._accounts()
            return
        started = time.monotonic()
        log = self.stdout.write if options["verbosity"] >= 1 else (lambda _: None)
        try:
            load_demo(log=log)
        except NotEmpty as exc:
            raise CommandError(str(exc)) from exc
        log(self.style.SUCCESS(f"演示数据加载完成，用时{time.monotonic() - started:.1f}秒。"))
        if options["verbosity"] >= 1:
            self._accounts()

    def _accounts(self):
        committee = Committee.objects.filter(slug=SLUG).first()
        if committee is None:
            self.stdout.write(f"（当前数据库中没有{NAME}，以下演示账号尚不可用。）")
        self.stdout.write(f"{NAME}演示账号（密码均为 {PASSWORD}）：")
        rows = account_rows(committee)
        width = max(len(r[0]) for r in rows)
        for username, role, who in rows:
            self.stdout.write(f"  {username.ljust(width)}  {PASSWORD}  {role} —— {who}")
        self.stdout.write("  其余委员的账号是 demo-w 加委员编号（如 demo-w05001），密码相同。")
        self.stdout.write("承办单位账号（经办人 / 负责人，密码相同）：")
        units = unit_account_rows(committee)
        width = max(len(f"{h} / {lead}") for h, lead, _ in units)
        for handler, leader, who in units:
            self.stdout.write(f"  {f'{handler} / {leader}'.ljust(width)}  {who}")
