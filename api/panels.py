from api.models import ApiClient, ImportJob


def beheer(request):
    """Start page of the functioneel beheerder: active clients and the imports under way."""
    user = request.user
    return {
        "active_clients": ApiClient.objects.visible_to(user).active().count(),
        "busy_imports": list(
            ImportJob.objects.visible_to(user)
            .filter(status__in=["uploaded", "validating", "valid", "confirmed", "importing"])
            .for_list()[:5]
        ),
    }
