"""The web pages drive the same services: forms for candidates, decisions and supervision."""

from xieshang.core import clock
from xieshang.supervision.models import ExcellentProposal, KeyProposal

from .story import MEETING, accepted, key_in


def _decision(outcome="approve") -> dict:
    return {"outcome": outcome, "meeting": MEETING, "meeting_date": clock.today().isoformat(),
            "text": "同意。"}


def test_staff_runs_a_key_proposal_through_the_pages(world, client):
    main, related = accepted(world, 1), accepted(world, 2)
    client.force_login(world.staff)
    search = client.get("/supervision/new/", {"q": main.official_number}).content.decode()
    assert main.title in search and related.title not in search

    r = client.post("/supervision/new/", {"proposal": main.pk, "related": [related.pk],
                                          "title": "", "reason": "群众关切"})
    kp = KeyProposal.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/supervision/{kp.pk}/"
    client.post(f"/supervision/{kp.pk}/leaders/", {"kind": "cppcc", "user": world.leader.pk,
                                                   "title": "市政协副主席", "is_lead": "on"})
    client.post("/supervision/decide/", {"ids": [kp.pk], **_decision()})
    kp.refresh_from_db()
    assert kp.status == "approved" and kp.leaders.get().is_lead

    client.post(f"/supervision/{kp.pk}/activities/", {
        "kind": "forum", "held_on": clock.today().isoformat(), "place": "市政协",
        "participants": "提案者", "notes": "座谈纪要", "leaders": [kp.leaders.get().pk]})
    client.post(f"/supervision/{kp.pk}/instructions/", {
        "given_on": clock.today().isoformat(), "text": "请抓紧办理", "leader_name": "张华",
        "leader_title": "市委书记", "leader_kind": "party"})
    client.post(f"/supervision/{kp.pk}/complete/", {"summary": "办结"})
    kp.refresh_from_db()
    assert kp.status == "completed"
    assert (kp.activities.count(), kp.instructions.count()) == (1, 1)
    listing = client.get("/supervision/").content.decode()
    assert "督办办结" in listing and "1 / 1 / 1" in listing


def test_a_refused_form_shows_the_chinese_reason_and_keeps_the_input(world, client):
    main = accepted(world, 1)
    client.force_login(world.staff)
    r = client.post("/supervision/new/", {"proposal": main.pk, "reason": " ",
                                          "title": "关于系列民生问题的提案"})
    page = r.content.decode()
    assert r.status_code == 400 and "请填写推荐理由。" in page
    assert "关于系列民生问题的提案" in page and KeyProposal.objects.count() == 0


def test_a_supervising_leader_records_from_the_progress_page(world, client):
    kp = key_in(world, "approved")
    client.force_login(world.leader)
    page = client.get(f"/supervision/{kp.pk}/").content.decode()
    assert 'id="activity-form"' in page and 'id="leader-form"' not in page
    assert "以 市政协副主席分管领导 的名义录入本人批示" in page
    client.post(f"/supervision/{kp.pk}/instructions/", {
        "given_on": clock.today().isoformat(), "text": "本人批示"})
    assert kp.instructions.get().given_by_id == world.leader.pk
    assert client.get("/supervision/new/").status_code == 404


def test_excellent_proposals_through_the_pages(world, client):
    p = accepted(world, 1)
    client.force_login(world.staff)
    assert p.title in client.get("/supervision/excellent/new/").content.decode()
    client.post("/supervision/excellent/new/", {"proposal": p.pk, "reason": "成效明显"})
    e = ExcellentProposal.objects.get()
    client.post("/supervision/excellent/decide/", {"ids": [e.pk], **_decision()})
    e.refresh_from_db()
    assert e.status == "approved" and e.decision.meeting == MEETING
    client.force_login(world.member_users[0])
    assert p.title in client.get("/supervision/excellent/").content.decode()
