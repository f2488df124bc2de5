from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xieshang.reports"
    verbose_name = "统计与报表"
