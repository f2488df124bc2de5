"""`xieshang demo`: one load of the whole demo into the empty test database, then its figures."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xieshang.accounts.models import User
from xieshang.core.models import Committee
from xieshang.organization.models import Member, Unit
from xieshang.proposals.models import Conversion, Proposal, ProposalEvent
from xieshang.proposals.stats import proposal_stats


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_status_of_an_empty_database_is_empty(db):
    assert _run("--status") == "empty\n"


def test_accounts_are_listed_even_before_loading(db):
    out = _run("--accounts")
    assert "demo-chief" in out and "Demo-2026-xieshang" in out


@pytest.mark.django_db
def test_demo_loads_the_2020_session_once_with_the_reported_figures():
    # One load serves every check below: it replays a whole year and takes several seconds.
    out = _run()
    committee = Committee.objects.get(slug="demo")
    stats = proposal_stats(committee_id=committee.pk, year=2020)
    assert (stats["submitted"], stats["accepted"], stats["pending"]) == (424, 326, 0)
    assert (stats["merged"], stats["converted"], stats["refused"], stats["withdrawn"]) == \
        (40, 36, 13, 9)
    assert stats["converted_by_kind"] == {"opinion": 15, "suggestion": 12, "letter": 9}
    collective = sum(stats["by_proposer_type"][t]["submitted"]
                     for t in ("party", "group", "special_committee", "sector"))
    assert collective == 106

    assert Member.objects.filter(committee=committee).count() == 455
    assert Unit.objects.filter(committee=committee).count() >= 60
    for username in ("demo-member", "demo-member2", "demo-staff", "demo-chief", "demo-office",
                     "demo-unit", "demo-unitlead", "demo-info", "demo-liaison", "demo-leader",
                     "demo-party", "demo-admin", "demo-security", "demo-audit"):
        user = User.objects.get(username=username)
        assert user.check_password("Demo-2026-xieshang") and not user.must_change_password
    assert User.objects.get(username="demo-member").member is not None

    proposals = Proposal.objects.filter(committee=committee)
    assert proposals.filter(status="accepted").exclude(official_number="").count() == 326
    assert not proposals.filter(status="merged", merged_into__status__in=["merged"]).exists()
    assert Conversion.objects.filter(committee=committee).exclude(consent_note="").count() == 36
    returned = ProposalEvent.objects.filter(committee=committee, action="return")
    assert returned.count() == 24
    declined = ProposalEvent.objects.filter(committee=committee, action="cosign_decline")
    assert declined.exists()
    assert "提出424件，立案326件" in out

    assert _run("--status") == "loaded\n"
    with pytest.raises(CommandError, match="演示数据只能加载到空数据库"):
        _run()
    assert Committee.objects.count() == 1
