"""Start-page panels of the advice app (registered in AdviceConfig.ready)."""

from django.utils import timezone

from advice.forms import PanelAdviceForm
from advice.models import AdviceKind, AdviceRecord
from zvhd.formcache import cached_html


def quick(request):
    """The empty advice form: the same for every reader, so drawn once (zvhd.formcache) - it
    was a third of the start page's CPU (issue 24)."""
    return {"form": cached_html(PanelAdviceForm(user=request.user, prefix=None))}


def summary(request):
    """This year's advice questions the user may see, by kind, and the latest five."""
    year = timezone.localdate().year
    visible = AdviceRecord.objects.visible_to(request.user).filter(date__year=year)
    counts = visible.counts_by_kind()
    return {
        "year": str(year),  # a year, not a number: no thousands separator
        "municipality": None if request.user.is_bureau_staff else request.user.municipality,
        "by_kind": [(label, counts.get(value, 0)) for value, label in AdviceKind.choices],
        "total": sum(counts.values()),
        "latest": list(visible.for_panel()[:5]),
    }
