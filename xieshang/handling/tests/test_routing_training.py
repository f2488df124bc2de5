"""Retraining the lead-unit model from the desk, the API and the command; how current it is."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.errors import Conflict
from xieshang.core.testing import fresh
from xieshang.handling import routing, routing_model
from xieshang.handling.models import RoutingTraining
from xieshang.proposals import similarity

from .flow import accepted, assign
from .test_routing import history, new_water_proposal


@pytest.fixture(autouse=True)
def _no_stale_index():
    similarity.forget()
    yield
    similarity.forget()


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}


def _desk_panel(client) -> str:
    html = client.get("/handling/desk/").content.decode()
    start = html.index('id="routing-model"')
    return html[start:html.index("</div>", start)]


def test_the_office_trains_the_model_on_the_desk_and_sees_what_came_since(world, client):
    history(world)
    client.force_login(world.office)
    panel = _desk_panel(client)
    assert "尚未训练" in panel and "现有办理记录8条（2个承办单位）" in panel
    assert 'id="routing-train"' in panel and "训练模型" in panel

    answer = client.post("/handling/routing/train/", follow=True)
    assert "已按8条办理记录（2个承办单位）重新训练单位推荐模型" in answer.content.decode()
    row = RoutingTraining.objects.get()
    assert (row.committee, row.actor, row.source) == (world.committee, world.office, "web")
    assert (row.examples, row.units) == (8, 2) and row.seconds >= 0
    assert routing.unit_suggestions(proposal=new_water_proposal(world)).basis == "model"

    panel = _desk_panel(client)
    assert f"由{world.office}按8条办理记录（2个承办单位）训练" in panel
    assert "此后新交办0件次。" in panel and "重新训练" in panel

    # One more assignment: the desk says the model has not seen it.
    assign(world, accepted(world, title="关于整治噪声扰民的建议"),
           units=[{"unit_id": world.units[2].pk, "role": "single"}])
    status = routing_model.model_status(world.committee)
    assert (status.new_since, status.history, status.examples) == (1, 9, 8)
    assert "此后新交办1件次，重新训练后推荐会用上这些记录" in _desk_panel(client)


def test_only_the_office_may_train_and_a_refusal_changes_nothing(world, client, settings):
    history(world)
    folder = settings.DATA_DIR / "models" / "route" / world.committee.slug
    for user in (world.staff, world.unit_handlers[1], world.member_users[0]):
        client.force_login(user)
        client.post("/handling/routing/train/")
    assert not RoutingTraining.objects.exists() and not folder.exists()
    client.force_login(world.staff)
    panel = _desk_panel(client)
    assert "尚未训练" in panel and 'id="routing-train"' not in panel


def test_too_little_history_is_refused_in_chinese_and_writes_nothing(world, client, settings):
    client.force_login(world.office)
    assert "办理记录满4条、2个承办单位后可训练" in _desk_panel(client)
    answer = client.post("/handling/routing/train/", follow=True).content.decode()
    assert "办理记录不足（0条，0个承办单位）" in answer
    assert not RoutingTraining.objects.exists()
    assert not (settings.DATA_DIR / "models" / "route" / world.committee.slug).exists()


def test_the_api_reports_and_retrains_the_model(world, client):
    history(world)
    office = _bearer(world.office)
    before = client.get("/api/v1/handling/routing/model", headers=office).json()
    assert before["trained_at"] is None and (before["history"], before["trainable"]) == (8, True)

    trained = client.post("/api/v1/handling/routing/model/train", headers=office)
    assert trained.status_code == 201
    assert (trained.json()["examples"], trained.json()["units"]) == (8, 2)
    assert "path" not in trained.json()
    assert RoutingTraining.objects.get().source == "api"
    after = client.get("/api/v1/handling/routing/model", headers=office).json()
    assert after["trained_at"] and after["trained_by"] == str(world.office)
    assert (after["examples"], after["new_since"]) == (8, 0)

    member = _bearer(world.member_users[0])
    refused = client.post("/api/v1/handling/routing/model/train", headers=member)
    assert refused.status_code == 403 and "交办部门" in refused.json()["error"]["message"]
    assert client.get("/api/v1/handling/routing/model", headers=member).status_code == 403
    assert RoutingTraining.objects.count() == 1


def test_the_command_records_its_training_without_an_actor(world):
    history(world)
    out = StringIO()
    call_command("route", "retrain", "--committee", world.committee.slug, stdout=out)
    row = RoutingTraining.objects.get()
    assert row.actor is None and row.source == "command"
    assert json.loads(out.getvalue())["examples"] == row.examples == 8
    assert routing_model.model_status(world.committee).trained_by == "命令行"


def test_retraining_replaces_the_model_that_suggestions_read(world):
    history(world)
    routing_model.route_model_train(committee=world.committee)
    first, _ = routing_model.load_model(world.committee)
    p = accepted(world, title="关于整治噪声扰民的建议")
    assign(world, p, units=[{"unit_id": world.units[2].pk, "role": "single"}])
    similarity.forget()
    routing_model.route_model_train(committee=world.committee, actor=fresh(world.office), source="web")
    second, info = routing_model.load_model(world.committee)
    assert second is not first and info["examples"] == 9
    assert RoutingTraining.objects.count() == 2
    assert routing_model.model_status(world.committee).new_since == 0


def test_the_desk_flags_waiting_proposals_whose_first_suggestion_differs(world, client):
    history(world)
    routing_model.route_model_train(committee=world.committee)
    water = new_water_proposal(world)  # the proposer suggests the housing bureau
    housing = accepted(world, owner=world.member_users[5], title="关于加快老旧小区加装电梯的建议",
                       reasons="老旧小区加装电梯难，管网破损，物业服务差，居民改造意愿强烈。",
                       suggestions="一是完善加装电梯政策；二是统筹改造资金；三是规范物业服务。")
    client.force_login(world.office)
    desk = client.get("/handling/desk/").content.decode()
    assert f'hx-get="/handling/assign/{water.pk}/advice/"' in desk and "推荐首选" in desk
    cell = client.get(f"/handling/assign/{water.pk}/advice/").content.decode()
    assert world.units[2].name in cell and 'data-agrees="no"' in cell and "与建议不同" in cell
    assert f"其次：{world.units[1].name}" in cell
    cell = client.get(f"/handling/assign/{housing.pk}/advice/").content.decode()
    assert world.units[1].name in cell and 'data-agrees="yes"' in cell and "与建议一致" in cell

    client.force_login(world.unit_handlers[1])
    assert client.get(f"/handling/assign/{water.pk}/advice/").status_code == 404
    client.force_login(world.office)
    assign(world, water, units=[{"unit_id": world.units[2].pk, "role": "single"}])
    assert client.get(f"/handling/assign/{water.pk}/advice/").status_code == 404


def test_a_failed_swap_keeps_the_old_model_and_records_nothing(world, settings, monkeypatch):
    history(world)
    routing_model.route_model_train(committee=world.committee)
    assign(world, accepted(world, title="关于整治噪声扰民的建议"),
           units=[{"unit_id": world.units[2].pk, "role": "single"}])
    rename = Path.rename

    def busy(self, target):
        if self.name.endswith(".new"):
            raise OSError("directory busy")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", busy)
    with pytest.raises(Conflict, match="请稍后再试"):
        routing_model.route_model_train(committee=world.committee, actor=fresh(world.office),
                                  source="web")
    monkeypatch.undo()
    first, failed = RoutingTraining.objects.all()
    assert (first.status, first.examples) == ("done", 8)
    assert failed.status == "failed" and "请稍后再试" in failed.message and failed.finished_at
    assert routing_model.model_status(world.committee).last_failure == failed.message
    assert routing_model.load_model(world.committee)[1]["examples"] == 8
    folder = settings.DATA_DIR / "models" / "route"
    assert [p.name for p in folder.iterdir()] == [world.committee.slug]


def test_a_training_running_in_another_process_shows_and_refuses_a_second(world, client):
    history(world)
    # A worker process other than the one serving these requests has begun a training.
    other = routing_model.training_begin(committee=world.committee, actor=fresh(world.office),
                                   source="web")
    client.force_login(world.office)
    panel = client.get("/handling/routing/panel/").content.decode()
    assert 'id="routing-running"' in panel and 'hx-trigger="every 3s"' in panel
    assert f"{world.office}于" in panel and 'id="routing-train"' not in panel
    answer = client.post("/handling/routing/train/", follow=True).content.decode()
    assert "单位推荐模型正在训练，请稍候" in answer
    office = _bearer(world.office)
    refused = client.post("/api/v1/handling/routing/model/train", headers=office)
    assert refused.status_code == 409 and "正在训练" in refused.json()["error"]["message"]
    state = client.get("/api/v1/handling/routing/model", headers=office).json()
    assert state["training_since"] and state["training_by"] == str(world.office)
    with pytest.raises(CommandError, match="正在训练"):
        call_command("route", "retrain", "--committee", world.committee.slug, stdout=StringIO())
    assert list(RoutingTraining.objects.values_list("pk", "status")) == [(other.pk, "running")]

    # The other process finishes: the panel stops polling and shows the new model.
    routing_model.route_model_train(committee=world.committee, actor=fresh(world.office),
                              source="web", training=other)
    panel = client.get("/handling/routing/panel/").content.decode()
    assert "hx-trigger" not in panel and f"由{world.office}按8条办理记录" in panel
    assert RoutingTraining.objects.get().status == "done"


def test_a_training_whose_process_died_is_closed_by_the_next(world, client):
    history(world)
    with clock.at(clock.now() - routing_model.STALE_AFTER - timedelta(minutes=1)):
        dead = routing_model.training_begin(committee=world.committee)
    client.force_login(world.office)
    panel = client.get("/handling/routing/panel/").content.decode()
    assert 'id="routing-running"' not in panel and 'id="routing-train"' in panel
    client.post("/handling/routing/train/")
    dead.refresh_from_db()
    assert dead.status == "failed" and dead.message == routing_model.STALE_MESSAGE
    assert RoutingTraining.objects.exclude(pk=dead.pk).get().status == "done"
    # The latest training succeeded: the dead one's reason is history, not news.
    assert routing_model.model_status(world.committee).last_failure == ""
    panel = client.get("/handling/routing/panel/").content.decode()
    assert 'id="routing-failure"' not in panel and "训练记录（最近2次）" in panel
    history_rows = panel[panel.index('id="routing-history"'):]
    assert history_rows.index('data-status="done"') < history_rows.index('data-status="failed"')
    assert routing_model.STALE_MESSAGE in history_rows and "8条记录、2个单位" in history_rows
