"""Shared helpers of the text benchmarks: data location, timing and machine description."""

from __future__ import annotations

import platform
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "tipdm2020"


def data_file(name: str) -> Path:
    """Return the path of a shared data file, or exit with a clear message when it is absent."""
    path = DATA_DIR / name
    if not path.exists():
        sys.exit(f"skipped: {path} is absent (the shared data lives beside the repository)")
    return path


def machine() -> str:
    """Describe the machine: CPU model, cores, memory."""
    model = platform.processor() or "unknown CPU"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        m = re.search(r"Model name:\s*(.+)", out)
        if m:
            model = m.group(1).strip()
    except OSError:
        pass
    import os

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (0..100) by linear interpolation."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
