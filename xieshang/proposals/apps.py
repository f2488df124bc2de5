from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "xieshang.proposals"
    verbose_name = "提案"
