"""`xieshang committee_create`: set up a 政协 body with its administrators."""

from django.core.management.base import BaseCommand, CommandError

from xieshang.core.models import Committee
from xieshang.core.setup import committee_setup


class Command(BaseCommand):
    help = "创建一个政协组织（含默认提案类别、不予立案理由和三员账户）"

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="名称，如 示例市政协")
        parser.add_argument("--slug", required=True, help="英文标识，如 demo-city")
        parser.add_argument("--level", choices=["province", "city", "county"], default="city")
        parser.add_argument("--parent", help="上级政协的标识")

    def handle(self, *args, **opts):
        if Committee.objects.filter(slug=opts["slug"]).exists():
            raise CommandError(f"标识「{opts['slug']}」已被使用。")
        parent = None
        if opts["parent"]:
            parent = Committee.objects.filter(slug=opts["parent"]).first()
            if parent is None:
                raise CommandError(f"未找到上级政协「{opts['parent']}」。")
        committee, passwords = committee_setup(name=opts["name"], slug=opts["slug"],
                                               level=opts["level"], parent=parent)
        self.stdout.write(f"已创建 {committee.name}。首次登录须修改以下初始密码：")
        for username, password in passwords.items():
            self.stdout.write(f"  {username}  {password}")
