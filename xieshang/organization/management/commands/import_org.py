"""`xieshang import_org`: import members and units from Excel, or write the blank template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xieshang.accounts.models import User
from xieshang.core.errors import DomainError
from xieshang.core.models import Committee
from xieshang.organization import importing, services
from xieshang.organization.selectors_import import import_reference


class Command(BaseCommand):
    help = "从Excel导入委员和承办单位（先检查全部行，有问题则不导入），或生成导入模板"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="要导入的 .xlsx 文件")
        parser.add_argument("--committee", help="政协组织的标识（slug）")
        parser.add_argument("--as", dest="username",
                            help="以哪个用户的身份导入（须为系统管理员），默认 <标识>-admin")
        parser.add_argument("--template", metavar="OUT.xlsx",
                            help="生成导入模板到此路径；同时给出 --committee 时列出该政协已有的界别等")

    def handle(self, *args, **opts):
        committee = None
        if opts["committee"]:
            committee = Committee.objects.filter(slug=opts["committee"]).first()
            if committee is None:
                raise CommandError(f"未找到政协组织「{opts['committee']}」。")
        if opts["template"]:
            reference = import_reference(committee=committee) if committee else None
            Path(opts["template"]).write_bytes(importing.template_bytes(reference=reference))
            self.stdout.write(f"已生成导入模板：{opts['template']}")
            return
        if not opts["file"] or committee is None:
            raise CommandError("用法：xieshang import_org --committee 标识 文件.xlsx [--as 用户名]，"
                               "或 xieshang import_org --template 输出.xlsx")
        username = opts["username"] or f"{committee.slug}-admin"
        actor = User.objects.filter(username=username).select_related("committee").first()
        if actor is None:
            raise CommandError(f"未找到用户「{username}」。")
        path = Path(opts["file"])
        try:
            with path.open("rb") as fh:
                content = fh.read(importing.MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"无法读取文件「{path}」：{exc.strerror}") from exc
        try:
            result = services.org_import(actor=actor, committee=committee, content=content)
        except importing.ImportInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.logins:
            self.stdout.write("新建登录账户的初始密码（只显示这一次，首次登录须修改）：")
            for login in result.logins:
                self.stdout.write(f"  {login.code}  {login.name}  {login.username}  {login.password}")
