from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "xieshang.publishing"
    verbose_name = "办理结果公开"
