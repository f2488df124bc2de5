"""答复自查: the unit sees the reply check while it drafts and before sign-off; the information
office sees it when it reviews a transferred 社情民意 item's reply."""

from xieshang.core.testing import fresh
from xieshang.handling import replies, services
from xieshang.opinions.tests.story import office, opinion_in
from xieshang.opinions.tests.test_transfer import transfer

from .flow import accepted, assign, result_class
from .test_routing import PARTIAL_REPLY

SUGGESTIONS = "一是统筹改造资金；二是完善加装电梯政策；三是建立小区长效管理机制。"
FULL_REPLY = ("关于您提出的老旧小区改造建议，现答复如下：一、关于统筹改造资金，今年已统筹安排专项资金2亿元；"
              "二、关于完善加装电梯政策，已出台加装电梯补贴办法；三、关于建立小区长效管理机制，"
              "已推行物业服务全覆盖和长效管理考核。办理结果：A类。")


def _signed_for(world):
    case = assign(world, accepted(world, suggestions=SUGGESTIONS))
    a = case.assignments.get()
    services.assignment_sign_for(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk)
    return a


def test_the_unit_checks_its_draft_as_it_writes(world, client):
    a = _signed_for(world)
    client.force_login(world.unit_handlers[1])
    html = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert 'id="reply-self-check"' in html and "答复自查" not in html  # nothing written yet

    fields = {"body": PARTIAL_REPLY, "result_class": result_class(world, "B").pk,
              "contact_person": "", "contact_phone": "", "signer": ""}
    panel = client.post(f"/handling/assignments/{a.pk}/reply-check/", fields).content.decode()
    assert "答复自查" in panel and "已回应 2 / 3 点" in panel
    assert "未回应第3点建议" in panel and "缺少签发领导" in panel
    assert "联系人：王科长" in panel  # found in the text

    fields.update(body=FULL_REPLY, result_class=result_class(world, "A").pk, signer="李局长",
                  contact_person="王科长", contact_phone="0558-1234567")
    panel = client.post(f"/handling/assignments/{a.pk}/reply-check/", fields).content.decode()
    assert "未发现问题" in panel and "已回应 3 / 3 点" in panel
    assert "答复日期：签发当日" in panel  # the sign-off dates it
    # The result class chosen against the one the text states.
    fields["result_class"] = result_class(world, "B").pk
    panel = client.post(f"/handling/assignments/{a.pk}/reply-check/", fields).content.decode()
    assert "与所选类别（B类）不一致" in panel

    # A saved draft shows its check when the page opens; nothing was saved by the checks.
    assert not a.replies.exists()
    replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                       body=PARTIAL_REPLY, result_class_id=result_class(world, "B").pk,
                       contact_person="王科长", contact_phone="0558-1234567", signer="李局长")
    html = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert f'id="reply-check-self-{a.pk}"' in html and "未回应第3点建议" in html


def test_the_check_reads_as_much_of_a_long_draft_as_a_reply_may_hold(world, client):
    # A long reply (a report pasted in) answers the suggestions after 20,000 characters of
    # background: the check reads up to the length a saved reply may have.
    a = _signed_for(world)
    background = "我局高度重视提案办理工作，多次召开专题会议研究部署相关事项。" * 800
    assert 20000 < len(background) + len(FULL_REPLY) <= replies.BODY_LIMIT
    client.force_login(world.unit_handlers[1])
    panel = client.post(f"/handling/assignments/{a.pk}/reply-check/", {
        "body": background + FULL_REPLY, "result_class": result_class(world, "A").pk,
        "signer": "李局长", "contact_person": "王科长", "contact_phone": "0558-1234567",
    }).content.decode()
    assert "已回应 3 / 3 点" in panel


def test_the_leader_sees_the_check_before_signing_off_and_others_get_nothing(world, client):
    a = _signed_for(world)
    replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                       body=PARTIAL_REPLY, result_class_id=result_class(world, "B").pk,
                       contact_person="王科长", contact_phone="0558-1234567", signer="李局长")
    client.force_login(world.unit_leaders[1])
    html = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert html.index("未回应第3点建议") < html.index('id="sign-off"')
    for user in (world.unit_handlers[0], world.member_users[0], world.staff):
        client.force_login(user)
        r = client.post(f"/handling/assignments/{a.pk}/reply-check/", {"body": FULL_REPLY})
        assert r.status_code == 404, user
    client.force_login(world.unit_handlers[1])
    assert client.get(f"/handling/assignments/{a.pk}/reply-check/").status_code == 405


def test_the_information_office_reviews_a_transferred_items_reply_with_the_check(world, client):
    o = opinion_in(world, "used", suggestions="一是统筹资金改造供水设施；二是明确管护责任。")
    a = transfer(world, o, 1).assignments.get()
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    services.assignment_sign_for(actor=handler, assignment_id=a.pk)
    reply = replies.reply_save(
        actor=handler, assignment_id=a.pk, result_class_id=result_class(world, "A").pk,
        body="关于统筹资金改造供水设施，已安排资金完成改造。办理结果：A类。",
        contact_person="王科长", contact_phone="0558-1234567", signer="李局长")
    client.force_login(world.unit_handlers[1])
    html = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert "逐条对照所反映的问题和建议：已回应 1 / 2 点" in html
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    client.force_login(office(world))
    html = client.get(f"/opinions/{o.pk}/").content.decode()
    panel = html[html.index(f'id="reply-check-{reply.pk}"'):html.index(f'id="pass-reply-{reply.pk}"')]
    assert "答复自动检查" in panel and "未回应第2点建议" in panel
    assert "答复日期：" in panel and "（签发时间）" in panel


def test_the_review_desks_show_each_replys_check(world, client):
    a = _signed_for(world)
    partial = replies.reply_save(
        actor=fresh(world.unit_handlers[1]), assignment_id=a.pk, body=PARTIAL_REPLY,
        result_class_id=result_class(world, "B").pk, contact_person="王科长",
        contact_phone="0558-1234567", signer="李局长")
    replies.reply_sign_off(actor=fresh(world.unit_leaders[1]), reply_id=partial.pk)
    o = opinion_in(world, "used", suggestions="一是统筹资金改造供水设施；二是明确管护责任。")
    b = transfer(world, o, 2).assignments.get()
    services.assignment_sign_for(actor=fresh(world.unit_handlers[2]), assignment_id=b.pk)
    full = replies.reply_save(
        actor=fresh(world.unit_handlers[2]), assignment_id=b.pk,
        result_class_id=result_class(world, "A").pk,
        body="一、关于统筹资金改造供水设施，已安排资金完成改造；二、关于明确管护责任，已落实村级管护。办理结果：A类。",
        contact_person="王科长", contact_phone="0558-1234567", signer="李局长")
    replies.reply_sign_off(actor=fresh(world.unit_leaders[2]), reply_id=full.pk)

    client.force_login(world.staff)
    html = client.get("/handling/desk/").content.decode()
    review = html[html.index('id="t-review"'):]
    assert "1项待核实：未回应第3点建议" in review
    client.force_login(office(world))
    html = client.get("/opinions/transfers/").content.decode()
    reviews = html[html.index('id="reviews"'):html.index('id="to-close"')]
    assert "自动检查未发现问题" in reviews


MIXED_REPLY = ("一、关于统筹改造资金，已纳入今年财政预算；二、关于完善加装电梯政策，我局已采纳这一建议，"
               "已出台补贴办法；三、关于建立小区长效管理机制，已列入明年工作计划，力争年底前完成。")


def test_a_reply_adopting_one_point_and_planning_the_others_fits_class_b():
    from xieshang.handling.reply_checks import reply_check

    def problems(body: str, chosen: str) -> list[str]:
        return reply_check(source=SUGGESTIONS, body=body, result_class=chosen, signer="李局长",
                           contact_person="王科长", contact_phone="0558-1234567",
                           draft=True).problems

    # 已采纳 for one point and plans for two: B is what most of it says.
    assert not [p for p in problems(MIXED_REPLY, "B") if "类别" in p]
    # A is said of one point only: a claim to check, not a contradiction.
    assert problems(MIXED_REPLY, "A") == [
        "所选类别（A类）高于正文多数表述所示的办理结果（B类，“纳入今年财政预算”），请核实"]
    # Nothing in it speaks for C, or a stated class differs from the chosen one.
    assert "正文所述办理结果（B类，“纳入今年财政预算”）与所选类别（C类）不一致" in problems(MIXED_REPLY, "C")
    assert any("（A类，“办理结果：A”）与所选类别（B类）不一致" in p
               for p in problems(FULL_REPLY, "B"))
