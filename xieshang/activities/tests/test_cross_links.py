"""Pages of this app that name proposals or 社情民意 items (the plan's topics, a speech turned
into an item) link them only for those who may open them: nobody is sent to a page that answers
404."""

from django.urls import reverse

from xieshang.activities import services
from xieshang.core.testing import fresh
from xieshang.opinions.tests.story import opinion_in
from xieshang.proposals.tests.states import proposal_in

from .story import liaison


def plan_with_links(world):
    office = liaison(world)
    plan = services.plan_create(actor=office, year=2020)
    topic = services.topic_create(actor=office, plan_id=plan.pk, title="加快发展数字经济",
                                  form="standing", planned_month=6, host_party_id=world.party.pk)
    proposal = proposal_in(world, "accepted", owner=world.member_users[1], title="关于发展数字经济的建议")
    opinion = opinion_in(world, "used", owner=world.member_users[1], title="关于数字经济人才的建议")
    services.topic_proposal_link(actor=office, topic_id=topic.pk, proposal_id=proposal.pk)
    services.topic_opinion_link(actor=office, topic_id=topic.pk, opinion_id=opinion.pk)
    return plan, proposal, opinion


def page(client, user, plan) -> str:
    client.force_login(fresh(user))
    response = client.get(reverse("activities:plan", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_the_titles_but_links_only_to_what_they_may_open(world, client):
    plan, proposal, opinion = plan_with_links(world)
    proposal_url = reverse("proposals:detail", args=[proposal.pk])
    opinion_url = reverse("opinions:detail", args=[opinion.pk])

    other = page(client, world.member_users[0], plan)
    assert "提案：关于发展数字经济的建议" in other and proposal_url not in other
    assert "社情民意：关于数字经济人才的建议" in other and opinion_url not in other
    assert client.get(proposal_url).status_code == 404

    # The author opens both; so does the proposal staff, who reads every proposal.
    author = page(client, world.member_users[1], plan)
    assert proposal_url in author and opinion_url in author
    staff = page(client, world.staff, plan)
    assert proposal_url in staff and client.get(proposal_url).status_code == 200


def test_a_speech_links_its_item_only_for_those_who_may_open_it(world, client):
    speaker = world.member_users[0]
    speech = services.speech_submit(actor=fresh(speaker), session_id=world.session.pk,
                                    title="关于养老服务的发言", body="发言正文")
    office = liaison(world)
    # A speech left out of the session may still be turned into a 社情民意 item.
    services.speech_decide(actor=office, speech_id=speech.pk, name="reject")
    services.speech_decide(actor=fresh(office), speech_id=speech.pk, name="to_opinion")
    opinion = opinion_in(world, "submitted", owner=speaker, title="关于养老服务的建议")
    services.speech_opinion_link(actor=None, speech_id=speech.pk, opinion_id=opinion.pk)
    url, opinion_url = (reverse("activities:speech", args=[speech.pk]),
                        reverse("opinions:detail", args=[opinion.pk]))

    client.force_login(office)
    html = client.get(url).content.decode()
    assert "已转为社情民意" in html and opinion_url not in html
    assert client.get(opinion_url).status_code == 404
    client.force_login(fresh(speaker))
    assert opinion_url in client.get(url).content.decode()


def test_organising_staff_are_not_offered_a_members_sign_up_or_sign_in(world, client):
    from .story import activity

    a = activity(world, mode="signup", invite=[])
    client.force_login(liaison(world))
    html = client.get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert 'id="my-actions"' not in html and 'id="signup-button"' not in html
    client.force_login(fresh(world.member_users[0]))
    html = client.get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert 'id="my-actions"' in html and 'id="signup-button"' in html


def test_my_activities_word_each_state_for_the_member(world):
    from datetime import timedelta

    from xieshang.activities import selectors
    from xieshang.core import clock

    from .story import activity

    member = fresh(world.member_users[0])
    coming = activity(world, title="即将开始的调研")  # member 0 is invited
    expected = activity(world, title="另一场调研")
    open_one = activity(world, mode="signup", invite=[], title="可报名的讲座")
    past_open = activity(world, mode="signup", invite=[], title="已结束的讲座",
                         start=clock.now() + timedelta(hours=1))
    services.leave_request(actor=member, activity_id=coming.pk, reason="出差")
    with clock.at(clock.now() + timedelta(days=10)):
        _rows, _state, later = selectors.my_activities(user=fresh(member))
    _rows, _state, labels = selectors.my_activities(user=fresh(member))
    assert labels[coming.pk] == "请假待批"
    # Before it begins, an expected activity is 待参加; 未签到 is the sheet's word once it runs.
    assert labels[expected.pk] == "待参加"
    assert labels[open_one.pk] == "可报名"
    assert later[past_open.pk] == "未报名"
