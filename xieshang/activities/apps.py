from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xieshang.activities"
    verbose_name = "协商计划与履职活动"
