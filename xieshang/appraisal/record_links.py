"""Which of a member's record links the reader may open.

The record names the member's proposals and 社情民意 items for whoever reads it: the member, and
the office that appraises. The office may not open every proposal or item (those are the
proposal and information offices' pages), so it is shown their titles without a link rather
than a link to a 404.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.urls import Resolver404, resolve

from xieshang.opinions import permissions as opinion_permissions
from xieshang.opinions.models import Opinion
from xieshang.proposals import permissions as proposal_permissions
from xieshang.proposals.models import Proposal


def record_urls(rec) -> list[str]:
    """Every link of a record page: its entries and the records behind each scored line (of the
    published result and of the live trial)."""
    urls = [e.get("url") for e in rec.entries]
    for breakdown in (rec.result.breakdown if rec.result else None, rec.live):
        for line in (breakdown or {}).get("lines", []):
            urls += [r.get("url") for r in line.get("records", [])]
    return [url for url in urls if url]


def openable_urls(user, urls: Iterable[str]) -> set[str]:
    """Return those of `urls` the user may open; pages of this app's own records stay."""
    checked = {"proposals:detail": lambda ids: proposal_permissions.openable_ids(
                   user, Proposal.objects.filter(pk__in=ids).prefetch_related("proposers")),
               "opinions:detail": lambda ids: opinion_permissions.openable_ids(
                   user, Opinion.objects.filter(pk__in=ids))}
    found: dict[str, dict[int, str]] = defaultdict(dict)
    keep = set()
    for url in set(urls):
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.view_name in checked:
            found[match.view_name][int(match.kwargs["pk"])] = url
        else:
            keep.add(url)
    for view_name, openable in checked.items():
        if found[view_name]:
            keep |= {found[view_name][pk] for pk in openable(sorted(found[view_name]))}
    return keep
