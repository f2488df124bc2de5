from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "xieshang.opinions"
    verbose_name = "社情民意"
