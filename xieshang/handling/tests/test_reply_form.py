"""The unit's reply form: a refusal keeps what was typed and names every field at fault; the
contact phone is a Chinese phone number; the result class is chosen, never defaulted."""

import html

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.errors import ValidationError
from xieshang.core.testing import fresh
from xieshang.handling import replies, services
from xieshang.handling.models import HandlingEvent, Reply, ReplyVersion

from .flow import REPLY_TEXT, accepted, assign, result_class


def _signed_for(world):
    a = assign(world, accepted(world)).assignments.get()
    services.assignment_sign_for(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk)
    return a


def _post(client, world, a, **fields):
    data = {"body": REPLY_TEXT, "result_class": result_class(world, "B").pk,
            "contact_person": "王科长", "contact_phone": "0571-87001234", "signer": "李局长"}
    data.update(fields)
    client.force_login(world.unit_handlers[1])
    return client.post(f"/handling/assignments/{a.pk}/reply/", data)


def _nothing_saved(a):
    assert not Reply.objects.filter(assignment=a).exists()
    assert not ReplyVersion.objects.filter(reply__assignment=a).exists()
    assert not HandlingEvent.objects.filter(assignment=a, action__startswith="reply").exists()


def test_a_refused_reply_comes_back_with_what_was_typed_and_every_error(world, client):
    a = _signed_for(world)
    typed = "关于您的建议，我局已研究。<b>"
    r = _post(client, world, a, body=typed, contact_person="", contact_phone="abc",
              signer="", result_class="")
    assert r.status_code == 400
    page = r.content.decode()
    # every field the service can check is named at once
    for message in ("答复正文过短", "请选择办理结果分类", "请填写联系人", "联系电话格式不正确",
                    "请填写签发领导"):
        assert message in page, message
    assert "答复稿未保存，请修改以下5处" in page
    # what the unit typed is in the form again (escaped), the wrong phone too
    assert html.escape(typed) in page and 'value="abc"' in page
    assert 'id="contact_phone" name="contact_phone" type="tel" value="abc"' in page
    _nothing_saved(a)


def test_a_refused_reply_keeps_the_chosen_result_class_and_the_other_fields(world, client):
    a = _signed_for(world)
    b = result_class(world, "B")
    r = _post(client, world, a, signer="")
    assert r.status_code == 400
    page = r.content.decode()
    assert f'<option value="{b.pk}" selected>' in page
    assert 'value="王科长"' in page and 'value="0571-87001234"' in page
    assert html.escape(REPLY_TEXT) in page
    assert "请填写签发领导" in page and "请填写联系人" not in page
    _nothing_saved(a)


def test_a_refused_edit_keeps_the_saved_draft_and_shows_what_was_typed(world, client):
    a = _signed_for(world)
    assert _post(client, world, a).status_code == 302
    r = _post(client, world, a, body=REPLY_TEXT + "补充说明。", contact_phone="12")
    assert r.status_code == 400 and "补充说明" in r.content.decode()
    reply = Reply.objects.get(assignment=a)
    assert (reply.version, reply.contact_phone, reply.body) == (1, "0571-87001234", REPLY_TEXT)


def test_a_saved_reply_says_which_draft_it_is(world, client):
    a = _signed_for(world)
    r = _post(client, world, a)
    assert r.status_code == 302
    assert "答复稿已保存（第1稿）" in client.get(r.url).content.decode()


@pytest.mark.parametrize("phone", [
    "13800138000", "138 0013 8000", "138-0013-8000", "+86 13800138000",
    "0571-87001234", "87001234", "0571-87001234-801", "0571 8700 1234", "(0571)87001234",
    "０５７１－８７００１２３４", "010-12345678", "0558-1234567", "400-123-4567",
])
def test_the_service_takes_chinese_phone_numbers(world, phone):
    a = _signed_for(world)
    reply = replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                               body=REPLY_TEXT, result_class_id=result_class(world).pk,
                               contact_person="王科长", contact_phone=f" {phone} ",
                               signer="李局长")
    assert reply.contact_phone == phone


@pytest.mark.parametrize("phone", [
    "abc", "12", "1380013800", "138001380001", "23800138000", "0571-8700", "87001234abc",
    "电话待定", "0571-87001234-801-9", "1234567", "87001234 13800138000",
])
def test_the_service_refuses_what_is_not_a_phone_number(world, phone):
    a = _signed_for(world)
    with pytest.raises(ValidationError, match="联系电话格式不正确") as refused:
        replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                           body=REPLY_TEXT, result_class_id=result_class(world).pk,
                           contact_person="王科长", contact_phone=phone, signer="李局长")
    assert refused.value.field == "contact_phone"
    _nothing_saved(a)


def test_the_result_class_starts_empty_and_the_service_refuses_none(world, client):
    a = _signed_for(world)
    client.force_login(world.unit_handlers[1])
    page = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    select = page[page.index('id="result_class"'):page.index("</select>",
                                                              page.index('id="result_class"'))]
    assert '<option value="" selected>请选择</option>' in select
    assert select.count("selected") == 1
    with pytest.raises(ValidationError, match="请选择办理结果分类") as refused:
        replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                           body=REPLY_TEXT, result_class_id=None, contact_person="王科长",
                           contact_phone="13800138000", signer="李局长")
    assert refused.value.errors == {"result_class_id": "请选择办理结果分类。"}
    r = _post(client, world, a, result_class="")
    assert r.status_code == 400 and "请选择办理结果分类" in r.content.decode()
    _nothing_saved(a)


def test_the_api_names_every_field_in_one_error(world, client):
    a = _signed_for(world)
    token = api_token_issue(user=fresh(world.unit_handlers[1]))
    r = client.post(f"/api/v1/handling/assignments/{a.pk}/reply", {
        "body": REPLY_TEXT, "result_class_id": result_class(world).pk, "contact_person": "",
        "contact_phone": "abc", "signer": ""}, content_type="application/json",
        headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["field"] == "contact_person"
    assert error["message"] == ("请填写联系人。" + error["message"].split("。", 1)[1])
    assert "联系电话格式不正确" in error["message"] and "请填写签发领导" in error["message"]
    _nothing_saved(a)
