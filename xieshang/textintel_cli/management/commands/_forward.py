"""Base command that hands its raw arguments to xieshang.textintel.cli."""

from __future__ import annotations

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError


class ForwardCommand(BaseCommand):
    """Forward argv unchanged to the text library's argparse CLI under one verb."""

    verb = ""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):  # type: ignore[override]
        """Return a parser that accepts anything; the library's parser does the checking."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("args", nargs=argparse.REMAINDER)
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        """Run the library CLI with the words after the command name."""
        from xieshang.textintel.cli import main

        sys.exit(main([self.verb, *argv[2:]], prog=f"{argv[0].rsplit('/', 1)[-1]}"))

    def handle(self, *args: str, **options: object) -> None:
        """Run the library CLI from call_command(), raising on failure."""
        from xieshang.textintel.cli import main

        status = main([self.verb, *args], out=self.stdout)
        if status:
            raise CommandError(f"{self.verb} failed with status {status}")
