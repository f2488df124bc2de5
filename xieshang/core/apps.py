from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xieshang.core"
    verbose_name = "基础"
