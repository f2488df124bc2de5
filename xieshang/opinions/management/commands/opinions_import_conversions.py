"""Create the 社情民意 item of every proposal converted in review that has none yet."""

from django.core.management.base import BaseCommand, CommandError

from xieshang.core.models import Committee
from xieshang.opinions.services import opinions_import_conversions


class Command(BaseCommand):
    help = "为已“转社情民意”但尚无社情民意信息的提案补建信息（可重复执行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument("--committee", help="政协的 slug；不填则处理全部")

    def handle(self, *args, committee=None, **options):
        committee_id = None
        if committee:
            found = Committee.objects.filter(slug=committee).first()
            if found is None:
                raise CommandError(f"找不到政协：{committee}")
            committee_id = found.pk
        made = opinions_import_conversions(committee_id=committee_id)
        self.stdout.write(f"新建社情民意信息 {made} 条。")
