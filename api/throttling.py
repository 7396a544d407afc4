from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Per machine client: enough for a partner system's batch, not for a runaway loop."""

    rate = "120/min"

    def get_cache_key(self, request, view):
        client = getattr(request, "auth", None)
        ident = f"client-{client.pk}" if client is not None else self.get_ident(request)
        return f"throttle:api:{ident}"
