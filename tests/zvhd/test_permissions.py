"""404 for "not yours", 403 for "yours, but not this action", and the log of both."""

import pytest
from django.urls import reverse

from zvhd.network.models import User
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db


def test_it_gives_403_and_logs_it_when_the_role_may_not_open_a_page(cast, client_for):
    response = client_for(cast.regisseur).get(reverse("network:user_list"))
    assert response.status_code == 403
    row = AccessLog.objects.get()
    assert (row.username, row.allowed) == ("regisseur", False)
    assert row.path == reverse("network:user_list")


def test_it_gives_404_for_a_record_outside_the_scope(cast, client_for):
    # The user queryset: a non-beheerder sees only himself. The beheerder page is role-guarded
    # first, so test the scope on the queryset door itself.
    assert list(User.objects.visible_to(cast.partner)) == [cast.partner]
    assert not User.objects.visible_to(cast.partner, "change").exists()
    assert User.objects.visible_to(cast.beheerder).count() == User.objects.count()


def test_it_gives_404_and_logs_it_for_a_record_that_does_not_exist(cast, client_for):
    response = client_for(cast.beheerder).get(reverse("network:user_detail", args=[999999]))
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert (row.object_id, row.allowed) == ("999999", False)


def test_denied_pages_say_so_in_dutch(cast, client_for):
    response = client_for(cast.financien).get(reverse("privacy:access_log"))
    assert response.status_code == 403
    assert "geen toegang" in response.content.decode().lower()


def test_the_access_log_is_append_only(cast):
    row = AccessLog.objects.create(username="x", action="view", allowed=True, path="/")
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.all().update(allowed=False)
    with pytest.raises(TypeError):
        AccessLog.objects.all().delete()
