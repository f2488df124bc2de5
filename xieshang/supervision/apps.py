from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "xieshang.supervision"
    verbose_name = "重点提案督办与优秀提案"
