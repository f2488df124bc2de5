"""Forward `xieshang reply-check …` to xieshang.textintel.cli."""

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


class Command(ForwardCommand):
    help = "Text intelligence: reply-check (see --help)."
    verb = "reply-check"
