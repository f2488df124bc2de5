"""Train a committee's lead-unit model in a background thread, so the desk need not wait.

Training takes seconds on a small history and close to a minute on thousands of proposals with
dozens of units (docs/performance.md), longer than a web request should hold. The desk starts a
job here; the panel shows it running and polls until the new model is in place. The job calls
the same service (`routing.route_model_train`), which writes the RoutingTraining row.

Running jobs and the last failure are kept in this process: with several worker processes a
second worker does not see the first one's job, and two trainings may then run at once, which
the service's swap tolerates (the later one wins, each writes its row).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import connections

from xieshang.core import clock
from xieshang.core.errors import Conflict, DomainError, PermissionDenied
from xieshang.core.models import Committee

from . import permissions, routing

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    started_at: datetime
    started_by: str


_JOBS: dict[int, Job] = {}
_FAILURES: dict[int, str] = {}
_LOCK = threading.Lock()


def running(committee: Committee) -> Job | None:
    """Return the committee's training job running in this process, if any."""
    with _LOCK:
        return _JOBS.get(committee.pk)


def last_failure(committee: Committee) -> str:
    """Return why the committee's last background training failed ("" when it did not)."""
    with _LOCK:
        return _FAILURES.get(committee.pk, "")


def forget() -> None:
    """Drop what this process remembers of failed jobs (tests)."""
    with _LOCK:
        _FAILURES.clear()


def route_model_train_start(*, actor, committee: Committee, source: str = "web") -> Job:
    """Check that the training may run, then start it in a thread and return at once."""
    if not permissions.can_train_routing(actor, committee):
        raise PermissionDenied("只有交办部门可以训练本会的单位推荐模型。")
    status = routing.model_status(committee)
    if not status.trainable:
        raise routing.too_little_history(committee, status.history, status.history_units)
    with _LOCK:
        if committee.pk in _JOBS:
            raise Conflict("单位推荐模型正在训练，请稍候。")
        job = _JOBS[committee.pk] = Job(clock.now(), str(actor))
        _FAILURES.pop(committee.pk, None)
    threading.Thread(target=_run, args=(committee.pk, actor.pk, source), daemon=True,
                     name=f"route-train-{committee.slug}").start()
    return job


def _run(committee_id: int, actor_id: int, source: str) -> None:
    from xieshang.accounts.models import User

    failure = ""
    try:
        routing.route_model_train(committee=Committee.objects.get(pk=committee_id),
                                  actor=User.objects.get(pk=actor_id), source=source)
    except DomainError as exc:
        failure = exc.message
    except Exception:  # a background thread has nobody else to tell
        log.exception("routing model training failed for committee %s", committee_id)
        failure = "训练出错，请查看服务器日志或稍后重试。"
    finally:
        with _LOCK:
            _JOBS.pop(committee_id, None)
            if failure:
                _FAILURES[committee_id] = failure
        connections.close_all()  # this thread's connections only
