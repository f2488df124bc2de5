"""The desk's 训练模型 button trains in a background thread; the panel follows the job."""

import threading
import time

import pytest

from xieshang.core.errors import ValidationError
from xieshang.core.testing import make_world
from xieshang.handling import routing_model
from xieshang.handling.models import RoutingTraining
from xieshang.proposals import similarity

from .test_routing import history


@pytest.fixture
def committed_world(transactional_db, settings):
    # The job's thread has its own connection: it sees committed rows only.
    settings.ROUTING_TRAIN_IN_BACKGROUND = True
    similarity.forget()
    yield make_world(slug="jobcity")
    similarity.forget()


def _wait_until_done(committee, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while routing_model.model_status(committee).running is not None:
        assert time.monotonic() < deadline, "the training job did not finish"
        time.sleep(0.05)


def test_the_desk_starts_a_job_and_the_panel_follows_it(committed_world, client, monkeypatch):
    world = committed_world
    history(world)
    release = threading.Event()
    train = routing_model.route_model_train

    def slow_train(**kwargs):
        assert release.wait(30)
        return train(**kwargs)

    monkeypatch.setattr(routing_model, "route_model_train", slow_train)
    client.force_login(world.office)
    answer = client.post("/handling/routing/train/", follow=True).content.decode()
    assert "已开始训练单位推荐模型" in answer
    panel = client.get("/handling/routing/panel/").content.decode()
    assert 'id="routing-running"' in panel and 'hx-trigger="every 3s"' in panel
    assert f"{world.office}于" in panel and 'id="routing-train"' not in panel
    again = client.post("/handling/routing/train/", follow=True).content.decode()
    assert "单位推荐模型正在训练，请稍候" in again

    release.set()
    _wait_until_done(world.committee)
    row = RoutingTraining.objects.get()
    assert (row.actor, row.source, row.status, row.examples) == (world.office, "web", "done", 8)
    assert row.finished_at >= row.at
    panel = client.get("/handling/routing/panel/").content.decode()
    assert "hx-trigger" not in panel and f"由{world.office}按8条办理记录" in panel
    assert 'id="routing-train"' in panel


def test_a_failed_job_is_shown_on_the_panel(committed_world, client, monkeypatch):
    world = committed_world
    history(world)

    def refuse(**kwargs):
        raise ValidationError("模型目录不可写")

    monkeypatch.setattr(routing_model, "route_model_train", refuse)
    client.force_login(world.office)
    client.post("/handling/routing/train/")
    _wait_until_done(world.committee)
    panel = client.get("/handling/routing/panel/").content.decode()
    assert "上次训练未完成：模型目录不可写" in panel and 'id="routing-train"' in panel
    row = RoutingTraining.objects.get()
    assert (row.status, row.message, row.actor) == ("failed", "模型目录不可写", world.office)
    assert routing_model.load_model(world.committee) == (None, {})


def test_the_job_refuses_at_once_what_the_service_would_refuse(committed_world, client):
    world = committed_world
    client.force_login(world.office)
    answer = client.post("/handling/routing/train/", follow=True).content.decode()
    assert "办理记录不足（0条，0个承办单位）" in answer
    assert not RoutingTraining.objects.exists()
    client.force_login(world.unit_handlers[1])
    client.post("/handling/routing/train/")
    assert not RoutingTraining.objects.exists()
    assert client.get("/handling/routing/panel/").status_code == 404
