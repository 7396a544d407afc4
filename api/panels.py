from api.models import ApiClient
from zvhd.imports.models import ImportJob


def beheer(request):
    """Start page of the functioneel beheerder: active clients and the imports under way."""
    user = request.user
    return {
        "active_clients": ApiClient.objects.visible_to(user).active().count(),
        "busy_imports": list(ImportJob.objects.visible_to(user).busy().for_list()[:5]),
    }
