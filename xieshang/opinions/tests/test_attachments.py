"""Attachments on 社情民意 items: content sniffing, limits, who adds and removes, tenancy."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.errors import NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.opinions import attachments, services
from xieshang.opinions.models import OpinionEvent

from .story import office, opinion_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def test_owner_attaches_while_editable_and_content_decides_the_type(world, settings):
    o = opinion_in(world, "draft")
    owner = fresh(world.member_users[0])
    with pytest.raises(ValidationError):
        attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="a.pdf",
                                   content=b"MZ\x90\x00 an executable")
    with pytest.raises(ValidationError):
        attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="empty.png",
                                   content=b"")
    a = attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="../../照片.png",
                                   content=PNG)
    assert (a.content_type, a.file_name, a.by_office) == ("image/png", "照片.png", False)
    assert OpinionEvent.objects.filter(opinion=o, action="attach").count() == 1
    found, path = attachments.attachment_open(actor=owner, opinion_id=o.pk, attachment_id=a.pk)
    assert path.read_bytes() == PNG
    assert str(settings.ATTACHMENT_ROOT) in str(path)
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="b.png", content=PNG)


def test_attachment_count_is_limited_by_the_committee_setting(world):
    o = opinion_in(world, "draft")
    owner = fresh(world.member_users[0])
    config = services.opinion_config(world.committee)
    config.max_attachments = 2
    config.save()
    for i in range(2):
        attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name=f"{i}.png",
                                   content=PNG)
    with pytest.raises(ValidationError, match="最多2个"):
        attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="3.png", content=PNG)


def test_after_submission_only_the_office_adds_and_each_removes_only_its_own(world):
    o = opinion_in(world, "draft")
    owner = fresh(world.member_users[0])
    mine = attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="a.png",
                                      content=PNG)
    services.opinion_submit(actor=owner, opinion_id=o.pk)
    with pytest.raises(PermissionDenied):
        attachments.attachment_add(actor=fresh(owner), opinion_id=o.pk, file_name="b.png",
                                   content=PNG)
    with pytest.raises(PermissionDenied):
        attachments.attachment_remove(actor=fresh(owner), opinion_id=o.pk,
                                      attachment_id=mine.pk)
    theirs = attachments.attachment_add(actor=office(world), opinion_id=o.pk,
                                        file_name="批示扫描件.pdf", content=PDF)
    assert theirs.by_office and theirs.content_type == "application/pdf"
    with pytest.raises(PermissionDenied):
        attachments.attachment_remove(actor=office(world), opinion_id=o.pk, attachment_id=mine.pk)
    attachments.attachment_remove(actor=office(world), opinion_id=o.pk, attachment_id=theirs.pk)
    listed = attachments.attachment_list(actor=fresh(owner), opinion_id=o.pk)
    assert [a.pk for a in listed] == [mine.pk]
    with pytest.raises(NotFound):
        attachments.attachment_open(actor=fresh(owner), opinion_id=o.pk, attachment_id=theirs.pk)


def test_returned_item_lets_the_owner_remove_an_attachment(world):
    o = opinion_in(world, "draft")
    owner = fresh(world.member_users[0])
    a = attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="a.png", content=PNG)
    services.opinion_submit(actor=owner, opinion_id=o.pk)
    services.opinion_check(actor=office(world), opinion_id=o.pk, outcome="return",
                           note="请补充数据。")
    attachments.attachment_remove(actor=fresh(owner), opinion_id=o.pk, attachment_id=a.pk)
    assert OpinionEvent.objects.filter(opinion=o, action="detach").count() == 1


def test_strangers_and_other_committees_get_the_same_not_found(world, other_world):
    o = opinion_in(world, "draft")
    owner = fresh(world.member_users[0])
    a = attachments.attachment_add(actor=owner, opinion_id=o.pk, file_name="a.png", content=PNG)
    stranger = fresh(world.member_users[3])
    foreign_office = office(other_world)
    for actor in (stranger, foreign_office, office(world)):  # the office never sees drafts
        with pytest.raises(NotFound):
            attachments.attachment_open(actor=actor, opinion_id=o.pk, attachment_id=a.pk)
        with pytest.raises(NotFound):
            attachments.attachment_add(actor=actor, opinion_id=o.pk, file_name="x.png",
                                       content=PNG)
        with pytest.raises(NotFound):
            attachments.attachment_remove(actor=actor, opinion_id=o.pk, attachment_id=a.pk)
    mine = opinion_in(other_world, "draft")
    with pytest.raises(NotFound):
        attachments.attachment_open(actor=owner, opinion_id=mine.pk, attachment_id=a.pk)


def test_item_page_uploads_lists_downloads_and_deletes(world, client):
    o = opinion_in(world, "draft")
    client.force_login(world.member_users[0])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(f"/opinions/{o.pk}/attachments/",
                           {"file": SimpleUploadedFile("现场.png", PNG)}, follow=True)
    assert "现场.png" in response.content.decode()
    a = o.attachments.get()
    download = client.get(f"/opinions/{o.pk}/attachments/{a.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    client.post(f"/opinions/{o.pk}/attachments/{a.pk}/delete/")
    assert client.get(f"/opinions/{o.pk}/attachments/{a.pk}/").status_code == 404
    client.force_login(world.member_users[3])
    assert client.get(f"/opinions/{o.pk}/attachments/{a.pk}/").status_code == 404


def test_api_attachments_round_trip_and_hide_foreign_items(world, other_world, client):
    o = opinion_in(world, "draft")
    headers = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    from django.core.files.uploadedfile import SimpleUploadedFile

    created = client.post(f"/api/v1/opinions/items/{o.pk}/attachments",
                          {"file": SimpleUploadedFile("a.png", PNG)}, headers=headers)
    assert created.status_code == 201, created.content
    aid = created.json()["id"]
    listed = client.get(f"/api/v1/opinions/items/{o.pk}/attachments", headers=headers).json()
    assert [x["id"] for x in listed] == [aid]
    got = client.get(f"/api/v1/opinions/items/{o.pk}/attachments/{aid}", headers=headers)
    assert got.status_code == 200
    bad = client.post(f"/api/v1/opinions/items/{o.pk}/attachments",
                      {"file": SimpleUploadedFile("a.exe", b"MZ\x90\x00")}, headers=headers)
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "file"
    foreign = {"Authorization": f"Bearer {api_token_issue(user=office(other_world))}"}
    missing = client.get(f"/api/v1/opinions/items/{o.pk}/attachments/{aid}", headers=foreign)
    assert missing.status_code == 404 and "error" in missing.json()
    assert client.delete(f"/api/v1/opinions/items/{o.pk}/attachments/{aid}",
                         headers=headers).status_code == 204
    assert client.get(f"/api/v1/opinions/items/{o.pk}/attachments",
                      headers=headers).json() == []
