"""Reads about the organisation: sessions, members, units."""

from datetime import date

from django.db import models
from django.db.models import QuerySet

from xieshang.core.errors import ValidationError
from xieshang.core.models import Committee

from .models import Member, Membership, Session, Term, Unit


def session_for_day(*, committee: Committee, day: date) -> tuple[Session, str]:
    """Return the session a proposal made on `day` belongs to, and 'plenary' or 'in_year'."""
    sessions = list(Session.objects.filter(committee=committee).order_by("opening_date"))
    for session in sessions:
        if session.plenary_window_start() <= day <= session.proposal_deadline:
            return session, "plenary"
    past = [s for s in sessions if s.opening_date <= day]
    if past:
        return past[-1], "in_year"
    raise ValidationError("当前没有可以提交提案的会议，请联系提案委员会。", code="no_session")


def current_term(*, committee: Committee, day: date) -> Term | None:
    """Return the term in force on `day`."""
    return (
        Term.objects.filter(committee=committee, start_date__lte=day)
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=day))
        .order_by("-start_date")
        .first()
    )


def membership_for(*, member: Member, term: Term) -> Membership | None:
    """Return the member's seat in the term."""
    return Membership.objects.filter(member=member, term=term).first()


def member_list(*, committee: Committee, term: Term | None = None) -> QuerySet[Member]:
    """Return the committee's members (of one term when given) with their seat details."""
    qs = Member.objects.filter(committee=committee)
    if term is not None:
        qs = qs.filter(memberships__term=term)
    return qs.order_by("code").prefetch_related(
        "memberships__sector", "memberships__party", "memberships__special_committees"
    )


def unit_list(*, committee: Committee, active_only: bool = True) -> QuerySet[Unit]:
    """Return the committee's handling units."""
    qs = Unit.objects.filter(committee=committee).select_related("liaison_committee")
    return qs.filter(is_active=True) if active_only else qs
