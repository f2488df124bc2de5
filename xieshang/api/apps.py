from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "xieshang.api"
    verbose_name = "接口"
