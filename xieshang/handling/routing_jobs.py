"""Train a committee's lead-unit model in a background thread, so the desk need not wait.

Training takes seconds on a small history and close to a minute on thousands of proposals with
dozens of units (docs/performance.md), longer than a web request should hold. The desk begins the
training here (a `running` RoutingTraining row, so every worker process sees it and a second one
is refused) and a thread of this process runs it; the panel polls `routing_model.model_status` until
the row is closed. A process that dies mid-training leaves its row running; after
`routing_model.STALE_AFTER` it no longer counts and the next start closes it as failed.
"""

from __future__ import annotations

import logging
import threading

from django.db import connections, transaction

from xieshang.core.errors import DomainError
from xieshang.core.models import Committee

from . import routing_model
from .models import RoutingTraining

log = logging.getLogger(__name__)


def route_model_train_start(*, actor, committee: Committee,
                            source: str = RoutingTraining.Source.WEB) -> RoutingTraining:
    """Refuse at once what the training would refuse; else record it running and start it in
    a thread once the row is committed (the thread reads it through its own connection)."""
    training = routing_model.training_begin(committee=committee, actor=actor, source=source)
    transaction.on_commit(lambda: threading.Thread(
        target=_run, args=(training.pk,), daemon=True,
        name=f"route-train-{committee.slug}").start())
    return training


def _run(training_id: int) -> None:
    try:
        training = (RoutingTraining.objects.select_related("committee", "actor")
                    .get(pk=training_id))
        try:
            with routing_model.failed_on_error(training):
                routing_model.route_model_train(committee=training.committee, actor=training.actor,
                                          source=training.source, training=training)
        except DomainError:
            pass  # the row says why, in Chinese, on the panel
        except Exception:  # a background thread has nobody else to tell
            log.exception("routing model training %s failed", training_id)
    finally:
        connections.close_all()  # this thread's connections only
