"""Forward `xieshang route …` to xieshang.textintel.cli."""

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


class Command(ForwardCommand):
    help = "Text intelligence: route (see --help)."
    verb = "route"
