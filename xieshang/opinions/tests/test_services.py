"""Drafting rules, conversions from proposals, editing with versions, issues and credits."""

from datetime import timedelta
from fractions import Fraction
from io import BytesIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from xieshang.core import clock
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import draft_kwargs, fresh
from xieshang.opinions import selectors, services, stats
from xieshang.opinions.documents import issue_docx
from xieshang.opinions.models import Issue, Opinion, OpinionConfig, Version
from xieshang.proposals import services as proposal_services
from xieshang.proposals import stats as proposal_stats
from xieshang.proposals.models import Conversion

from .story import body_agent_for_sector, draft, office, opinion_in, send


def converted_proposal(world, n=0):
    owner = fresh(world.member_users[n % 3])
    p = proposal_services.proposal_create(
        actor=owner, **draft_kwargs(world, title=f"关于第{n}个社区养老服务的建议"))
    proposal_services.proposal_submit(actor=owner, proposal_id=p.pk)
    proposal_services.proposal_convert(actor=fresh(world.staff), proposal_id=p.pk,
                                       kind="opinion", consent_note="提案人电话同意")
    return Conversion.objects.get(proposal=p)


def test_text_is_normalised_and_the_original_kept(world):
    o = draft(world, situation="<p>山区供水　设施老化</p>")
    assert "<p>" not in o.situation
    assert o.original["situation"] == "<p>山区供水　设施老化</p>"


def test_text_typed_in_the_browser_keeps_no_original(world):
    o = draft(world, situation="山区供水设施老化。\r\n\r\n群众反映强烈。")
    assert o.situation == "山区供水设施老化。\n\n群众反映强烈。" and o.original == {}


def test_the_migration_drops_originals_kept_for_layout_alone(world):
    from importlib import import_module

    from django.apps import apps

    typed = draft(world, situation="山区供水设施老化。\n群众反映强烈。")
    pasted = draft(world, situation="<p>山区供水　设施老化</p>")
    Opinion.objects.filter(pk=typed.pk).update(
        original={"situation": "山区供水设施老化。\r\n群众反映强烈。\r\n"})
    import_module("xieshang.opinions.migrations.0003_drop_layout_only_originals").forwards(
        apps, None)
    typed.refresh_from_db()
    pasted.refresh_from_db()
    assert typed.original == {} and pasted.original == {"situation": "<p>山区供水　设施老化</p>"}


def test_title_rule_is_a_committee_setting(world):
    with pytest.raises(ValidationError):
        draft(world, title="山区供水问题")
    draft(world, title="山区供水设施老化的情况反映")
    config = services.opinion_config(world.committee)
    config.title_rule = OpinionConfig.TitleRule.SUGGESTION
    config.save()
    with pytest.raises(ValidationError):
        draft(world, title="山区供水设施老化的情况反映")
    config.title_rule = OpinionConfig.TitleRule.FREE
    config.save()
    draft(world, title="山区供水问题")


def test_length_limit_is_a_committee_setting(world):
    with pytest.raises(ValidationError):
        draft(world, situation="字" * 3001)


def test_sources_member_body_agent_and_reporter(world):
    o = draft(world, co_author_ids=[world.members[1].pk])
    assert [a.name for a in o.authors.all()] == ["委员0", "委员1"]
    agent = body_agent_for_sector(world)
    sector_item = draft(world, owner=agent, source_kind="sector", body_id=world.sector.pk)
    assert sector_item.sector == world.sector and sector_item.author_display == "经济界"
    with pytest.raises(PermissionDenied):
        draft(world, owner=world.member_users[2], source_kind="sector", body_id=world.sector.pk)
    with pytest.raises(PermissionDenied):
        draft(world, owner=world.staff, source_kind="reporter")
    services.reporter_authorise(actor=office(world), user_id=world.staff.pk,
                                organisation="市委党校")
    reporter_item = draft(world, owner=world.staff, source_kind="reporter")
    assert reporter_item.authors.get().reporter.user_id == world.staff.pk
    # Authors and the body agent see their items; another member does not.
    mine = selectors.opinion_list(user=fresh(world.member_users[1]), mine=True)
    assert list(mine) == [o]
    assert list(selectors.opinion_list(user=fresh(world.member_users[3]))) == []


def test_returned_item_is_resubmitted_and_counted_once(world):
    o = opinion_in(world, "returned")
    services.opinion_update(actor=fresh(world.member_users[0]), opinion_id=o.pk,
                            suggestions="补充：三是加强水质监测。")
    services.opinion_submit(actor=fresh(world.member_users[0]), opinion_id=o.pk)
    o.refresh_from_db()
    assert o.status == "submitted" and o.first_submitted_at <= o.submitted_at
    assert stats.opinion_stats(world.committee.pk, year=clock.today().year)["submitted"] == 1


def test_edits_are_versions_and_the_author_text_is_kept(world):
    o = opinion_in(world, "used")
    services.opinion_edit(actor=office(world), opinion_id=o.pk, title="关于农村饮水的建议",
                          text="第一版")
    services.opinion_edit(actor=office(world, 2), opinion_id=o.pk, title="关于农村饮水的建议",
                          text="第二版")
    o.refresh_from_db()
    assert [v.text for v in Version.objects.filter(opinion=o)] == ["第一版", "第二版"]
    assert "供水设施老化" in o.situation and o.status == "edited"


def test_conversion_creates_one_item_however_often_it_is_called(world):
    conversion = converted_proposal(world)
    first = services.opinion_from_conversion(actor=office(world), conversion_id=conversion.pk)
    again = services.opinion_from_conversion(actor=fresh(world.staff),
                                             conversion_id=conversion.pk)
    call_command("opinions_import_conversions")
    assert first.pk == again.pk
    assert Opinion.objects.filter(proposal=conversion.proposal).count() == 1
    assert first.status == "submitted" and first.source_kind == "converted_proposal"
    assert [a.name for a in first.authors.all()] == ["委员0"]
    # The member who made the proposal sees the item.
    assert list(selectors.opinion_list(user=fresh(world.member_users[0]), mine=True)) == [first]


def test_converted_proposals_arrive_once_and_the_import_adds_nothing_more(world):
    conversions = [converted_proposal(world, n) for n in range(3)]
    # proposal_convert brings each item in at once; the import finds nothing left to do.
    assert services.opinions_import_conversions() == 0
    assert Opinion.objects.filter(proposal__conversion__in=conversions).count() == 3
    year = clock.today().year
    figures = stats.opinion_stats(world.committee.pk, year=year)
    assert figures["submitted"] == 3
    assert figures["by_source_kind"]["converted_proposal"] == 3
    # The proposals keep counting as converted in the proposal statistics.
    assert proposal_stats.proposal_stats(committee_id=world.committee.pk, session_id=world.session.pk)[
        "converted"] == 3


def test_combined_entry_credits_every_author_of_every_source(world):
    a = opinion_in(world, "edited", co_author_ids=[world.members[1].pk])
    b = opinion_in(world, "used", owner=world.member_users[2], title="关于山区供水的建议")
    issue = services.issue_create(actor=office(world))
    entry = services.entry_add(actor=office(world), issue_id=issue.pk,
                               opinion_ids=[a.pk, b.pk], title="关于农村供水问题的综合建议",
                               text="综合正文")
    entry = selectors.issue_detail(user=office(world), issue_id=issue.pk).entries.get()
    equal = selectors.entry_credits(entry)
    assert [(c[0], c[3]) for c in equal] == [("委员0", Fraction(1, 3)), ("委员1", Fraction(1, 3)),
                                             ("委员2", Fraction(1, 3))]
    by_item = selectors.entry_credits(entry, OpinionConfig.CreditRule.BY_ITEM)
    assert [c[3] for c in by_item] == [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)]
    # An item is in one entry at a time.
    other = services.issue_create(actor=office(world))
    with pytest.raises(Conflict):
        services.entry_add(actor=office(world), issue_id=other.pk, opinion_ids=[a.pk])


def test_entries_are_removed_and_reordered_only_while_the_issue_is_edited(world):
    a, b = opinion_in(world, "edited"), opinion_in(world, "edited", title="关于乙事的建议")
    issue = services.issue_create(actor=office(world))
    ea = services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[a.pk])
    eb = services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[b.pk])
    services.issue_reorder(actor=office(world), issue_id=issue.pk, entry_ids=[eb.pk, ea.pk])
    assert list(issue.entries.values_list("pk", flat=True)) == [eb.pk, ea.pk]
    services.entry_remove(actor=office(world), entry_id=eb.pk)
    assert Opinion.objects.get(pk=b.pk).status == "edited"
    services.issue_approve(actor=office(world), issue_id=issue.pk)
    with pytest.raises(Conflict):
        services.entry_remove(actor=office(world), entry_id=ea.pk)


def test_issues_are_numbered_per_year(world):
    first = services.issue_create(actor=office(world))
    second = services.issue_create(actor=office(world))
    last_year = services.issue_create(actor=office(world), year=clock.today().year - 1)
    assert (first.number, second.number, last_year.number) == (1, 2, 1)


def test_sending_needs_recipients(world):
    o = opinion_in(world, "compiled")
    issue = Issue.objects.get(entries__links__opinion=o)
    services.issue_approve(actor=office(world), issue_id=issue.pk)
    services.issue_sign(actor=office(world, 2), issue_id=issue.pk)
    with pytest.raises(ValidationError):
        services.issue_send(actor=office(world), issue_id=issue.pk)


def _sent_issue(world):
    a = opinion_in(world, "edited")
    b = opinion_in(world, "edited", owner=world.member_users[2], title="关于山区供水的建议")
    c = opinion_in(world, "edited", owner=world.member_users[1], title="关于校车安全的建议")
    issue = services.issue_create(actor=office(world))
    services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[c.pk])
    combined = services.entry_add(actor=office(world), issue_id=issue.pk,
                                  opinion_ids=[a.pk, b.pk], title="关于农村供水问题的建议",
                                  text="一、基本情况\n二、建议")
    send(world, issue)
    return issue, combined, (a, b, c)


def test_adoptions_and_instructions_reach_the_authors_and_the_statistics(world):
    issue, combined, (a, b, c) = _sent_issue(world)
    today = clock.today()
    services.adoption_record(actor=office(world), entry_id=combined.pk, level="province",
                             kind="combined", adopted_on=today, body="省政协",
                             reference="《社情民意》第12期")
    services.adoption_record(actor=office(world), entry_id=combined.pk, level="national",
                             kind="single", adopted_on=today, body="全国政协")
    services.instruction_record(actor=office(world), entry_id=combined.pk,
                                leader_name="王省长", leader_title="副省长", level="province",
                                given_on=today, text="请水利厅研究。", transfer_to="省水利厅")
    with pytest.raises(NotFound):  # members do not see issues at all
        services.adoption_record(actor=fresh(world.member_users[0]), entry_id=combined.pk,
                                 level="city", kind="single", adopted_on=today, body="市委")
    seen = selectors.opinion_detail(user=fresh(world.member_users[2]), opinion_id=b.pk)
    entry = seen.entry_link.entry
    assert [x.body for x in entry.adoptions.all()] == ["省政协", "全国政协"]
    assert [x.leader_name for x in entry.instructions.all()] == ["王省长"]
    figures = stats.opinion_stats(world.committee.pk, year=today.year)
    assert figures["submitted"] == 3 and figures["used"] == 3 and figures["issues"] == 1
    assert figures["adopted"] == 2
    assert figures["adopted_by_level"]["province"] == 2
    assert figures["adopted_by_level"]["national"] == 2
    assert figures["adopted_by_level"]["city"] == 0
    assert figures["adoptions"] == 2
    assert figures["instructions"] == 1 and figures["instructions_by_level"]["province"] == 1
    assert figures["by_source_kind"]["member"] == 3
    assert stats.opinion_stats(world.committee.pk, session_id=world.session.pk) == figures


def test_adoption_and_instruction_dates_before_the_issue_was_sent_are_refused(world):
    issue, combined, _items = _sent_issue(world)
    sent = timezone.localdate(Issue.objects.get(pk=issue.pk).sent_at)
    before = sent - timedelta(days=1)
    with pytest.raises(ValidationError, match="不能早于本期报送日期") as refused:
        services.adoption_record(actor=office(world), entry_id=combined.pk, level="city",
                                 kind="single", adopted_on=before, body="市委办公室")
    assert refused.value.field == "adopted_on"
    with pytest.raises(ValidationError, match="批示日期不能早于本期报送日期"):
        services.instruction_record(actor=office(world), entry_id=combined.pk, leader_name="王市长",
                                    level="city", given_on=before, text="请研究。")
    assert not combined.adoptions.exists() and not combined.instructions.exists()
    # The day it was sent is fine.
    services.adoption_record(actor=office(world), entry_id=combined.pk, level="city",
                             kind="single", adopted_on=sent, body="市委办公室")


def test_adoption_before_sending_is_refused(world):
    o = opinion_in(world, "compiled")
    entry = Issue.objects.get(entries__links__opinion=o).entries.get()
    with pytest.raises(Conflict):
        services.adoption_record(actor=office(world), entry_id=entry.pk, level="city",
                                 kind="single", adopted_on=clock.today(), body="市委")


def test_word_export_opens_and_holds_every_article_and_recipient(world):
    issue, _, (a, b, c) = _sent_issue(world)
    data = issue_docx(selectors.issue_detail(user=office(world), issue_id=issue.pk))
    text = "\n".join(p.text for p in Document(BytesIO(data)).paragraphs)
    assert "社情民意" in text and f"{issue.year}年第{issue.number}期" in text
    assert "关于农村供水问题的建议" in text and "编辑后的正文。" in text
    assert "委员0" in text and "委员2" in text
    assert "报送：省政协办公厅，市委办公室。" in text


def test_only_proposal_staff_or_the_office_bring_in_conversions(world):
    conversion = converted_proposal(world)
    with pytest.raises(PermissionDenied):
        services.opinion_from_conversion(actor=fresh(world.member_users[0]),
                                         conversion_id=conversion.pk)
    Conversion.objects.filter(pk=conversion.pk).update(kind="suggestion")
    with pytest.raises(ValidationError):
        services.opinion_from_conversion(actor=office(world), conversion_id=conversion.pk)
    assert services.opinions_import_conversions() == 0


def test_a_revoked_reporter_can_no_longer_submit_but_keeps_their_items(world):
    reporter = services.reporter_authorise(actor=office(world), user_id=world.staff.pk)
    item = draft(world, owner=world.staff, source_kind="reporter")
    services.reporter_revoke(actor=office(world), reporter_id=reporter.pk)
    with pytest.raises(PermissionDenied):
        draft(world, owner=world.staff, source_kind="reporter")
    assert list(selectors.opinion_list(user=fresh(world.staff), mine=True)) == [item]
    with pytest.raises(PermissionDenied):
        services.reporter_authorise(actor=fresh(world.member_users[0]),
                                    user_id=world.member_users[1].pk)


def test_an_editor_of_a_source_item_may_not_sign_the_issue(world):
    o = opinion_in(world, "used")
    services.opinion_edit(actor=office(world, 2), opinion_id=o.pk, title=o.title, text="改")
    issue = services.issue_create(actor=office(world))
    services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[o.pk])
    services.issue_approve(actor=office(world), issue_id=issue.pk)
    for who in (office(world), office(world, 2)):
        with pytest.raises(PermissionDenied):
            services.issue_sign(actor=who, issue_id=issue.pk)
    services.issue_sign(actor=office(world, 3), issue_id=issue.pk)
