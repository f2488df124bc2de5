from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "xieshang.appraisal"
    verbose_name = "委员履职档案与履职考评"
