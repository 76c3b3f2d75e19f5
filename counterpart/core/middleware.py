from django.urls import reverse

from .changelog import change_context
from .choices import Channel


class ChangeContextMiddleware:
    """Attribute writes made during a request to its user and to the UI or the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = Channel.ADMIN if request.path.startswith(reverse("admin:index")) else Channel.UI
        user = request.user if request.user.is_authenticated else None
        # The request id comes from ops.middleware.RequestLogMiddleware (also in the log lines).
        request_id = getattr(request, "request_id", None)
        with change_context(user=user, channel=channel, request_id=request_id):
            return self.get_response(request)
