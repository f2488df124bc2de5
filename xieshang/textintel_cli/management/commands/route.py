"""`xieshang route retrain --committee SLUG` trains from the database; other verbs go to the library.

`retrain` is the one Django-aware subcommand: it learns a committee's lead units from its own
handling history (xieshang.handling.routing) and replaces the model under
DATA_DIR/models/route/<slug>/. `train`, `eval` and `predict` are forwarded unchanged to
xieshang.textintel.cli.
"""

import argparse
import json
import sys

from django.core.management.base import CommandError

from xieshang.textintel_cli.management.commands._forward import ForwardCommand


def _retrain_parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"{prog} route retrain",
                                description="按本会历年办理记录重新训练单位推荐模型。")
    p.add_argument("--committee", help="政协组织标识（slug）；库中只有一个组织时可省略")
    p.add_argument("--all", action="store_true", help="逐一训练库中所有政协组织")
    p.add_argument("--min-examples", type=int, default=None, help="训练所需的最少办理记录数")
    return p


class Command(ForwardCommand):
    help = "Text intelligence: route (see --help); `route retrain --committee SLUG` trains from the database."
    verb = "route"

    def run_from_argv(self, argv: list[str]) -> None:
        """Run `retrain` here; hand every other verb to the library CLI."""
        if len(argv) > 2 and argv[2] == "retrain":
            prog = argv[0].rsplit("/", 1)[-1]
            try:
                self.retrain(_retrain_parser(prog).parse_args(argv[3:]), sys.stdout)
            except CommandError as exc:
                sys.stderr.write(f"{prog}: error: {exc}\n")
                sys.exit(2)
            return
        super().run_from_argv(argv)

    def handle(self, *args: str, **options: object) -> None:
        """Run from call_command(): `retrain` here, the rest through the library."""
        if args and args[0] == "retrain":
            self.retrain(_retrain_parser("xieshang").parse_args(list(args[1:])), self.stdout)
            return
        super().handle(*args, **options)

    def retrain(self, opts: argparse.Namespace, out) -> None:
        """Train each chosen committee and print what was learned as JSON."""
        from xieshang.core import clock
        from xieshang.core.errors import DomainError
        from xieshang.core.models import Committee
        from xieshang.handling.routing_model import MIN_EXAMPLES, route_model_train

        if opts.all:
            committees = list(Committee.objects.order_by("slug"))
        elif opts.committee:
            committees = list(Committee.objects.filter(slug=opts.committee))
            if not committees:
                raise CommandError(f"未找到标识为「{opts.committee}」的政协组织。")
        else:
            committees = list(Committee.objects.all()[:2])
            if len(committees) != 1:
                raise CommandError("库中有多个（或没有）政协组织，请用 --committee 指定。")
        results = []
        for committee in committees:
            try:
                with clock.for_committee(committee):
                    result = route_model_train(committee=committee,
                                               min_examples=opts.min_examples or MIN_EXAMPLES)
            except DomainError as exc:
                if not opts.all:
                    raise CommandError(exc.message) from exc
                results.append({"committee": committee.slug, "error": exc.message})
            else:
                results.append(result.as_dict())
        out.write(json.dumps(results if opts.all else results[0], ensure_ascii=False,
                             indent=2) + "\n")
