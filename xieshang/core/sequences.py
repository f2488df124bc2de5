"""Gap-free per-committee counters."""

from django.db import transaction

from .models import Committee, Counter


def sequence_next(*, committee: Committee, key: str) -> int:
    """Return the next value of the named counter; call inside the caller's transaction."""
    assert transaction.get_connection().in_atomic_block, "sequence_next needs a transaction"
    counter, _ = Counter.objects.get_or_create(committee=committee, key=key)
    counter = Counter.objects.select_for_update(of=("self",)).get(pk=counter.pk)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
