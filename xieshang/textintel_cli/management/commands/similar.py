"""Forward `xieshang similar …` to xieshang.textintel.cli."""

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


class Command(ForwardCommand):
    help = "Text intelligence: similar (see --help)."
    verb = "similar"
