from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "xieshang.organization"
    verbose_name = "组织机构"
