from django.apps import AppConfig


class TextintelCliConfig(AppConfig):
    """Register the text-intelligence management commands."""

    name = "xieshang.textintel_cli"
    verbose_name = "Text intelligence commands"
