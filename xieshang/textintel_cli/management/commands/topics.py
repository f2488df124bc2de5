"""Forward `xieshang topics …` to xieshang.textintel.cli."""

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


class Command(ForwardCommand):
    help = "Text intelligence: topics (see --help)."
    verb = "topics"
