"""Figures and score breakdowns as the appraisal pages print them (see `appraisal.explain`)."""

from django import template

from xieshang.appraisal import explain

register = template.Library()


@register.filter
def num(value) -> str:
    """Print a figure with at most two decimals and no trailing zeros: 80, 83.75, 86.5."""
    return explain.num(value)


@register.filter
def signed(value) -> str:
    """Print a figure with its sign: +3, -5, 0."""
    return explain.signed(value)


@register.filter
def breakdown_view(breakdown) -> dict:
    """Return the page's view of a stored breakdown (sum line, rules in words, records)."""
    return explain.view(breakdown)
