from django.apps import AppConfig


class HandlingConfig(AppConfig):
    name = "xieshang.handling"
    verbose_name = "提案办理"
