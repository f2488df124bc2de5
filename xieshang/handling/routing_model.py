"""The committee's lead-unit model: its training examples, training runs and saved files.

The model is a textintel.route.Router trained on the committee's accepted proposals and its
transferred 社情民意 items, labelled with the units that handled them as 单办, 分办 or 主办
(returned assignments left out). It lives in settings.DATA_DIR/models/route/<committee slug>/ in
the library's format (JSON and .npy, loaded without pickle) beside `training.json`.
`route_model_train` writes it; its RoutingTraining row is opened when the training starts and
closed when it ends, so one training runs per committee across worker processes. The desk starts
it as a background job (routing_jobs), the API and `xieshang route retrain` call it directly.
What the suggestions make of the model is in `routing`.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction

from xieshang.core import clock
from xieshang.core.errors import Conflict, DomainError, PermissionDenied, ValidationError
from xieshang.core.models import Committee
from xieshang.organization.models import Unit
from xieshang.proposals import similarity_sources
from xieshang.proposals.models import Proposal
from xieshang.textintel.datasets import Labelled

from . import permissions
from .models import Assignment, RoutingTraining
from .workflow import AssignmentStatus

if TYPE_CHECKING:
    from xieshang.accounts.models import User

    # scikit-learn takes seconds to import: the routing library loads on first use.
    from xieshang.textintel.route import Router

LEAD_ROLES = ("single", "split", "lead")
MIN_EXAMPLES = 4
TRAINING_FORMAT = "xieshang.handling.routing"


def model_dir(committee: Committee) -> Path:
    """Return the directory of the committee's routing model."""
    return Path(settings.DATA_DIR) / "models" / "route" / committee.slug


def routing_text(proposal: Proposal) -> str:
    """Return the text a proposal is routed by."""
    return "\n".join(t for t in (proposal.title, proposal.reasons, proposal.suggestions) if t)


def training_examples(*, committee_id: int) -> list[Labelled]:
    """Return one example per (case, unit that handled it as lead, single or split): accepted
    proposals, then 社情民意 items transferred to units (转办), each by its own text."""
    pairs = (_lead_assignments(committee_id)
             .values_list("case__proposal_id", "case__opinion_id", "unit_id").distinct())
    by_subject: dict[tuple[str, int], set[int]] = {}
    for pid, oid, unit_id in pairs:
        by_subject.setdefault(("proposal", pid) if pid else ("opinion", oid), set()).add(unit_id)
    ids = {kind: [i for k, i in by_subject if k == kind] for kind in ("proposal", "opinion")}
    texts = {("proposal", p.pk): routing_text(p) for p in Proposal.objects
             .filter(pk__in=ids["proposal"]).only("id", "title", "reasons", "suggestions")}
    opinion = apps.get_model("opinions", "Opinion")
    texts.update({("opinion", o.pk): similarity_sources.opinion_text(
        o.title, o.situation, o.analysis, o.suggestions) for o in opinion.objects
        .filter(pk__in=ids["opinion"]).only("id", "title", "situation", "analysis", "suggestions")})
    order = sorted(by_subject, key=lambda key: (key[0] != "proposal", key[1]))
    return [Labelled(str(u), text=texts[key]) for key in order
            for u in sorted(by_subject[key]) if key in texts]


@dataclass
class TrainResult:
    committee: str
    examples: int
    units: int
    path: str
    seconds: float
    trained_at: str

    def as_dict(self) -> dict:
        return self.__dict__.copy()


STALE_AFTER = timedelta(minutes=30)
RECENT_TRAININGS = 5
STALE_MESSAGE = "训练超过30分钟未结束（进行训练的服务进程可能已退出），已视为中断，请重新训练。"
CRASH_MESSAGE = "训练出错，请查看服务器日志或稍后重试。"


def training_begin(*, committee: Committee, actor: User | None = None,
                   source: str = RoutingTraining.Source.COMMAND,
                   min_examples: int = MIN_EXAMPLES) -> RoutingTraining:
    """Check that the committee's model may be trained now and record the training as running.

    Refuses (writing nothing) an actor who may not train, a history too small to learn from, and
    a second training while one runs in any process. A running row older than STALE_AFTER is
    taken for a training whose process died and is closed as failed first.
    """
    if actor is not None and not permissions.can_train_routing(actor, committee):
        raise PermissionDenied("只有交办部门可以训练本会的单位推荐模型。")
    pairs = _lead_assignments(committee.pk)
    examples = pairs.values_list("case_id", "unit_id").distinct().count()
    units = pairs.values("unit_id").distinct().count()
    if examples < min_examples or units < 2:
        raise too_little_history(committee, examples, units, min_examples)
    now = clock.now()
    try:
        with transaction.atomic():
            (RoutingTraining.objects
             .filter(committee=committee, status=RoutingTraining.Status.RUNNING,
                     at__lt=now - STALE_AFTER)
             .update(status=RoutingTraining.Status.FAILED, finished_at=now,
                     message=STALE_MESSAGE))
            return RoutingTraining.objects.create(
                committee=committee, actor=actor, source=source, at=now,
                status=RoutingTraining.Status.RUNNING)
    except IntegrityError as exc:
        raise Conflict("单位推荐模型正在训练，请稍候。") from exc


def training_failed(training: RoutingTraining, message: str) -> None:
    """Close a running training as failed, with the reason the office will read."""
    _retry_while_locked(lambda: RoutingTraining.objects
                        .filter(pk=training.pk, status=RoutingTraining.Status.RUNNING)
                        .update(status=RoutingTraining.Status.FAILED, finished_at=clock.now(),
                                message=message[:200]))


def _retry_while_locked(write, *, retry=lambda: True, tries: int = 50, pause: float = 0.1):
    """Run a write, again after a pause while SQLite answers that a table is locked.

    A background training writes from its own thread while the panel's polls read. A SQLite
    file in WAL mode waits for the lock (settings' timeout), but SQLite's shared cache — the
    in-memory database of the tests — reports the lock at once. `retry()` says whether the
    write may be repeated (not once the model files are swapped). PostgreSQL never gets here.
    """
    for attempt in range(tries):
        try:
            return write()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1 or not retry():
                raise
            time.sleep(pause)
    return None


def route_model_train(*, committee: Committee, actor: User | None = None,
                      source: str = RoutingTraining.Source.COMMAND,
                      min_examples: int = MIN_EXAMPLES,
                      training: RoutingTraining | None = None) -> TrainResult:
    """Train the committee's routing model on its handling history and replace the saved one.

    `actor` is the office user who asked (the web desk and the API); the command line runs
    without one. `training` is the running row of a training already begun (the desk's
    background job, which closes it on failure); without one, this begins it. A refusal before
    the start writes nothing; once started, the row ends `done` with what the model learnt, or
    `failed` with why.
    """
    if training is not None:  # begun by the caller, who closes it if this fails
        if actor is not None and not permissions.can_train_routing(actor, committee):
            raise PermissionDenied("只有交办部门可以训练本会的单位推荐模型。")
        return _train(committee, training, min_examples)
    training = training_begin(committee=committee, actor=actor, source=source,
                              min_examples=min_examples)
    with failed_on_error(training):
        return _train(committee, training, min_examples)


@contextmanager
def failed_on_error(training: RoutingTraining) -> Iterator[None]:
    """Close the training as failed when the block raises (a refusal's Chinese message, or
    CRASH_MESSAGE for anything unexpected), and let the error go on."""
    try:
        yield
    except DomainError as exc:
        training_failed(training, exc.message)
        raise
    except Exception:
        training_failed(training, CRASH_MESSAGE)
        raise


def _train(committee: Committee, training: RoutingTraining, min_examples: int) -> TrainResult:
    from xieshang.textintel.route import Router

    t0 = time.perf_counter()
    examples = training_examples(committee_id=committee.pk)
    labels = {e.label for e in examples}
    if len(examples) < min_examples or len(labels) < 2:
        raise too_little_history(committee, len(examples), len(labels), min_examples)
    # Small histories keep every term; large ones drop terms seen once.
    model = Router(min_df=1 if len(examples) < 200 else 2).fit(examples)
    target = model_dir(committee)
    tag = uuid.uuid4().hex[:12]
    staging = target.parent / f".{committee.slug}.{tag}.new"
    started = training.at
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        model.save(staging)
        names = dict(Unit.objects.filter(committee=committee, pk__in=[int(x) for x in labels])
                     .values_list("pk", "name"))
        (staging / "training.json").write_text(json.dumps({
            "format": TRAINING_FORMAT, "version": 1, "committee": committee.slug,
            "trained_at": started.isoformat(), "training": training.pk,
            "examples": len(examples),
            "units": {label: names.get(int(label), "") for label in sorted(labels, key=int)},
        }, ensure_ascii=False, indent=2), encoding="utf-8")
        seconds = round(time.perf_counter() - t0, 2)
        swapped = False

        def close() -> None:
            nonlocal swapped
            # The row and the swap succeed together: a failed swap rolls the row back.
            with transaction.atomic(), _SWAP_LOCK:
                closed = (RoutingTraining.objects
                          .filter(pk=training.pk, status=RoutingTraining.Status.RUNNING)
                          .update(status=RoutingTraining.Status.DONE, finished_at=clock.now(),
                                  examples=len(examples), units=len(labels), seconds=seconds))
                if not closed:
                    raise Conflict(STALE_MESSAGE)
                _swap(staging, target, target.parent / f".{committee.slug}.{tag}.old")
                swapped = True

        _retry_while_locked(close, retry=lambda: not swapped)
    except OSError as exc:
        raise Conflict("单位推荐模型正被另一次训练替换，或模型目录不可写，请稍后再试。") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return TrainResult(committee.slug, len(examples), len(labels), str(target), seconds,
                       started.isoformat())


def too_little_history(committee: Committee, examples: int, units: int,
                       min_examples: int = MIN_EXAMPLES) -> ValidationError:
    """Return the refusal for a history too small to train on."""
    return ValidationError(f"{committee.name}的办理记录不足（{examples}条，{units}个承办单位），"
                           f"至少需要{min_examples}条、2个单位才能训练。")


_SWAP_LOCK = threading.Lock()


def _swap(staging: Path, target: Path, old: Path) -> None:
    """Put the new model directory in place by rename, so a reader never sees half a model;
    if that fails, put the previous one back."""
    if target.exists():
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


_MODELS: dict[str, tuple[int, Router, dict]] = {}
_MODELS_LOCK = threading.Lock()


def load_model(committee: Committee) -> tuple[Router | None, dict]:
    """Return the committee's saved model and its training facts, cached until the files change."""
    path = model_dir(committee)
    try:
        stamp = (path / "model.json").stat().st_mtime_ns
        info = json.loads((path / "training.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, {}
    key = str(path)
    from xieshang.textintel.route import Router

    with _MODELS_LOCK:
        cached = _MODELS.get(key)
        if cached and cached[0] == stamp:
            return cached[1], cached[2]
        try:
            model = Router.load(path)
        except (OSError, ValueError, KeyError):
            return None, {}
        _MODELS[key] = (stamp, model, info)
        return model, info


@dataclass
class ModelStatus:
    """How current the committee's model is: when and on what it was trained, what came since,
    and whether a training runs now or the last one failed."""

    trained_at: datetime | None
    examples: int
    units: int
    trained_by: str
    new_since: int
    history: int
    history_units: int
    running: RoutingTraining | None = None
    last_failure: str = ""
    recent: list[RoutingTraining] = field(default_factory=list)

    min_examples = MIN_EXAMPLES

    @property
    def trainable(self) -> bool:
        return self.history >= MIN_EXAMPLES and self.history_units >= 2

    def as_dict(self) -> dict:
        return {"trained_at": self.trained_at.isoformat() if self.trained_at else None,
                "examples": self.examples, "units": self.units, "trained_by": self.trained_by,
                "new_since": self.new_since, "history": self.history,
                "history_units": self.history_units, "trainable": self.trainable,
                "training_since": self.running.at.isoformat() if self.running else None,
                "training_by": self.running.by if self.running else "",
                "last_failure": self.last_failure}


def model_status(committee: Committee) -> ModelStatus:
    """Return the saved model's training facts, the lead assignments made since, and the state
    of the latest training.

    `history` counts the (proposal, unit) pairs a training would learn from now; `new_since`
    the lead assignments (单办, 分办, 主办; not returned) made after the model's training started
    (when it read the history). `running` is a training in progress (not older than
    STALE_AFTER); `last_failure` the reason the latest finished training failed, if it did;
    `recent` the latest RECENT_TRAININGS trainings, newest first, whatever their outcome.
    """
    pairs = _lead_assignments(committee.pk)
    history = pairs.values_list("case_id", "unit_id").distinct().count()
    history_units = pairs.values("unit_id").distinct().count()
    # At most one training runs (a stale one is closed by the next start): the latest few
    # hold it and the latest finished one.
    recent = list(RoutingTraining.objects.filter(committee=committee).select_related("actor")
                  .order_by("-at", "-id")[:RECENT_TRAININGS])
    fresh = clock.now() - STALE_AFTER
    running = next((t for t in recent if t.status == RoutingTraining.Status.RUNNING
                    and t.at >= fresh), None)
    latest = next((t for t in recent if t.status != RoutingTraining.Status.RUNNING), None)
    failure = latest.message if latest and latest.status == RoutingTraining.Status.FAILED else ""
    try:
        info = json.loads((model_dir(committee) / "training.json").read_text(encoding="utf-8"))
        trained_at = datetime.fromisoformat(info["trained_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return ModelStatus(None, 0, 0, "", 0, history, history_units, running, failure, recent)
    done = RoutingTraining.objects.filter(committee=committee,
                                          status=RoutingTraining.Status.DONE)
    row = (done.filter(pk=info["training"]) if isinstance(info.get("training"), int)
           else done.filter(at=trained_at)).select_related("actor").last()
    return ModelStatus(trained_at, int(info.get("examples", 0)), len(info.get("units", {})),
                       row.by if row else "", pairs.filter(assigned_at__gt=trained_at).count(),
                       history, history_units, running, failure, recent)


def _lead_assignments(committee_id: int):
    """The lead assignments of the committee's cases, proposals and transferred 社情民意 items,
    not returned: what the model learns from. A case has one subject, so (case, unit) pairs
    count examples."""
    return (Assignment.objects.filter(committee_id=committee_id, role__in=LEAD_ROLES)
            .exclude(status=AssignmentStatus.RETURNED))
