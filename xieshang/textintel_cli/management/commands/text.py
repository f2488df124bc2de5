"""Forward `xieshang text …` to xieshang.textintel.cli."""

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


class Command(ForwardCommand):
    help = "Text intelligence: text (see --help)."
    verb = "text"
