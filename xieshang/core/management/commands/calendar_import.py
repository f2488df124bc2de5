"""`xieshang calendar_import`: load a committee's holidays and make-up workdays."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xieshang.core.calendar_import import calendar_import
from xieshang.core.errors import DomainError
from xieshang.core.models import Committee


class Command(BaseCommand):
    help = "导入节假日与调休表（CSV：日期,类型(放假/上班),名称），覆盖文件所含年份"

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True)
        parser.add_argument("file")

    def handle(self, *args, **opts):
        committee = Committee.objects.filter(slug=opts["committee"]).first()
        if committee is None:
            raise CommandError(f"未找到标识为「{opts['committee']}」的政协组织。")
        try:
            count = calendar_import(committee=committee,
                                    text=Path(opts["file"]).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件：{exc}") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已导入 {count} 条节假日与调休记录。")
