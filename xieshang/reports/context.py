"""Template context: whether the current user may open the hot topics, for navigation."""

from .permissions import can_read_topics


def topics_link(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_read_topics": can_read_topics(user)}
