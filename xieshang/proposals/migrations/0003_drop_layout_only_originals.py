"""Drop kept raw input that differs from the stored text only in layout.

Until 2026-12-04 a text typed in the browser (whose lines a browser posts with \\r\\n) was kept
as `original` although cleaning changed nothing but its line endings, and the proposal page
said its pasted formatting had been cleaned.
"""

from django.db import migrations

from xieshang.textintel.normalize import only_layout_differs


def forwards(apps, schema_editor):
    proposal = apps.get_model("proposals", "Proposal")
    for p in proposal.objects.only("pk", "original", "title", "reasons", "suggestions").iterator():
        if not p.original:
            continue
        kept = {f: raw for f, raw in p.original.items()
                if not only_layout_differs(raw, getattr(p, f, ""))}
        if kept != p.original:
            proposal.objects.filter(pk=p.pk).update(original=kept)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_proposal_original")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
