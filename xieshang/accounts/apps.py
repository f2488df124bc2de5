from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xieshang.accounts"
    verbose_name = "账户与权限"
