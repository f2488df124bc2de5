"""Benchmarks that need the demo: a Django set up on a fresh database, with the demo loaded."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    """Set Django up on DATABASE_URL, or on a fresh SQLite file (with its own attachment and
    data folders) in a temporary directory when none is named."""
    sys.path.insert(0, str(REPO_ROOT))
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="xieshang-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("XIESHANG_ATTACHMENT_ROOT", f"{folder}/attachments")
        os.environ.setdefault("XIESHANG_DATA_DIR", folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def demo_loaded() -> float | None:
    """Migrate and load the demo unless the database holds it; return the load's seconds."""
    from django.core.management import call_command

    from xieshang.demo.loader import demo_status, load_demo

    call_command("migrate", verbosity=0)
    if demo_status() != "empty":
        return None
    started = time.perf_counter()
    load_demo(log=lambda _line: None)
    return round(time.perf_counter() - started, 1)
