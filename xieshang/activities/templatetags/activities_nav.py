"""The activities section's tab bar, showing only the pages the user may open."""

from django import template

from xieshang.activities import permissions

register = template.Library()


@register.inclusion_tag("activities/_nav.html", takes_context=True)
def activities_nav(context) -> dict:
    """Return which tabs to show; the checks are the ones the pages themselves apply."""
    user = context["request"].user
    member = permissions.member_of(user) is not None
    return {
        "show_member_tabs": member,
        "show_manage": permissions.can_read_all(user) or permissions.is_liaison(user),
        "show_settings": permissions.is_general_office(user),
    }
