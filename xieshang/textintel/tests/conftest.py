"""Fixtures of the text library's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# The shared data sits beside the repository, never inside it.
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "tipdm2020"


@pytest.fixture
def shared_data() -> Path:
    """Return the shared data folder, skipping the test when it is absent."""
    if not (SHARED_DATA / "messages_with_votes.csv").exists():
        pytest.skip(f"shared data absent: {SHARED_DATA}")
    return SHARED_DATA
