"""Run each request on its committee's time (see core.clock)."""

from xieshang.core import clock


class CommitteeClockMiddleware:
    """Shift the clock for a signed-in user of a committee that lives in a past year.

    API requests authenticate inside the view (token auth), which calls `clock.use_committee`
    itself; this middleware opens the scope for both.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with clock.scope():
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                clock.use_committee(user.committee)
            return self.get_response(request)
