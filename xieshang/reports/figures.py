"""The year's or the session's figures, gathered from each app's named statistics."""

from xieshang.activities.stats import activity_stats
from xieshang.core.models import Committee
from xieshang.handling.stats import handling_stats
from xieshang.opinions.stats import opinion_stats
from xieshang.proposals.stats import proposal_stats
from xieshang.publishing.stats import disclosure_stats
from xieshang.supervision.stats import excellent_proposal_stats, key_proposal_stats


def committee_figures(*, committee: Committee, year: int | None = None,
                      session_id: int | None = None) -> dict:
    """Return every figure for the period; each app contributes its own definitions."""
    figures = proposal_stats(committee_id=committee.pk, year=year, session_id=session_id)
    figures.update(handling_stats(committee_id=committee.pk, year=year, session_id=session_id))
    figures["disclosure"] = disclosure_stats(committee_id=committee.pk, year=year,
                                             session_id=session_id)
    key = key_proposal_stats(committee_id=committee.pk, year=year, session_id=session_id)
    figures["key_proposals"] = key["key_proposals"]
    figures["key_proposal_detail"] = {k: v for k, v in key.items()
                                      if k not in ("committee_id", "year", "session_id")}
    figures["excellent_proposals"] = excellent_proposal_stats(
        committee_id=committee.pk, year=year, session_id=session_id)
    figures["opinions"] = opinion_stats(committee_id=committee.pk, year=year,
                                        session_id=session_id)
    figures["activities"] = activity_stats(committee_id=committee.pk, year=year,
                                           session_id=session_id)
    if year is not None or session_id is not None:
        from xieshang.appraisal.stats import appraisal_stats, member_stats
        from xieshang.organization.models import Session

        y = year if year is not None else (Session.objects.filter(
            pk=session_id, committee=committee).values_list("year", flat=True).first())
        if y is not None:
            figures["members"] = member_stats(committee_id=committee.pk, year=y)
            figures["appraisal"] = appraisal_stats(committee_id=committee.pk, year=y)
    figures["committee"] = committee.slug
    return figures
