"""Drop kept raw input that differs from the stored text only in layout.

Until 2026-12-04 a text typed in the browser (whose lines a browser posts with \\r\\n) was kept
as `original` although cleaning changed nothing but its line endings, and the item page
said its pasted formatting had been cleaned.
"""

from django.db import migrations

from xieshang.textintel.normalize import only_layout_differs


def forwards(apps, schema_editor):
    opinion = apps.get_model("opinions", "Opinion")
    fields = ("pk", "original", "title", "situation", "analysis", "suggestions")
    for o in opinion.objects.only(*fields).iterator():
        if not o.original:
            continue
        kept = {f: raw for f, raw in o.original.items()
                if not only_layout_differs(raw, getattr(o, f, ""))}
        if kept != o.original:
            opinion.objects.filter(pk=o.pk).update(original=kept)


class Migration(migrations.Migration):
    dependencies = [("opinions", "0002_attachments")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
