"""`xieshang remind`: send the day's reminders (run daily from cron or a systemd timer)."""

from django.core.management.base import BaseCommand, CommandError

from xieshang.core.models import Committee
from xieshang.notifications.reminders import run

KIND_LABELS = {"sign": "签收", "opinion": "会办意见", "reply": "答复", "review": "答复审核",
               "rating": "评价"}


class Command(BaseCommand):
    help = "发送临期、超期提醒（每项每个级别只发一次）"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="只处理一个政协组织（标识）")

    def handle(self, *args, **opts):
        committee = None
        if opts["committee"]:
            committee = Committee.objects.filter(slug=opts["committee"]).first()
            if committee is None:
                raise CommandError(f"未找到标识为「{opts['committee']}」的政协组织。")
        sent = run(committee=committee)
        total = sum(sent.values())
        detail = "，".join(f"{KIND_LABELS.get(k, k)}{v}条" for k, v in sorted(sent.items()))
        self.stdout.write(f"已发送提醒 {total} 条{('：' + detail) if detail else ''}。")
