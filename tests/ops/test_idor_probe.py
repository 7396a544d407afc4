"""IDOR probe: every page that takes a record's id answers 404 to anyone the record is not for.

The list of pages is not written down: it is read from the URL resolver, so a page a new app
adds is probed without anyone remembering to add it here. For each URL pattern with integer
arguments whose view is scoped to a model with `visible_to`, and for each demo user (one per
role, every organisation), the probe takes the first record of that model that the user may
NOT see (asking the model's own `visible_to`, the one door), fills the URL from that record,
and requests it (GET, and POST where the page only accepts POST). The answer must be a 404: a 200
leaks the record, a 403 or a 302 reveals that it exists. One answer is accepted besides: a page
closed to the user's whole role (beheer pages for a non-beheerder) answers 403 whatever the
id, for records that exist and ids that do not alike, which tells nothing; for any answer
but a 404 the probe checks that by asking the same page for an id that does not exist.

The demo data (`seed_demo`, every app's demo.py) provides the records: realistic spreads of
organisations and municipalities, which is what an IDOR probe needs. It is the run's one
seeded demo database (`demo_database`, tests/databases.py), in a transaction rolled back at the
end.
"""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from zvhd.network.models import User


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def int_arguments(route: str) -> list[str]:
    import re

    return re.findall(r"<int:(\w+)>", route)


def probed_patterns():
    """(route, view class, model, [int kwargs]) for every scoped page that takes an id."""
    found = []
    for route, pattern in walk(get_resolver().url_patterns):
        names = int_arguments(route)
        view = getattr(pattern.callback, "view_class", None)
        model = getattr(view, "model", None)
        if not names or model is None or not hasattr(model.objects, "visible_to"):
            continue
        found.append((route, pattern, view, model, names))
    return found


def fill(view, model, names, obj) -> dict | None:
    """The URL arguments that point at `obj`; None when the probe cannot tell how."""
    kwargs = {}
    for name in names:
        if name == getattr(view, "pk_url_kwarg", "pk"):
            kwargs[name] = obj.pk
        elif name == getattr(view, "slug_url_kwarg", None) and hasattr(obj, view.slug_field):
            kwargs[name] = getattr(obj, view.slug_field)
        elif hasattr(obj, name) and isinstance(getattr(obj, name), int):
            kwargs[name] = getattr(obj, name)  # e.g. <int:year> on a FinanceYear
        elif name.endswith(("_pk", "_id")) and hasattr(obj, name[:-3] + "_id"):
            kwargs[name] = getattr(obj, name[:-3] + "_id")  # the parent of a child record
        elif name in getattr(view, "scoped_children", ()):
            # A child looked up inside the scoped record (a case's programme period): the
            # record's door decides first, so any id of the child probes it.
            kwargs[name] = 1
        else:
            return None
    return kwargs


def request(client, route: str, kwargs: dict) -> int:
    url = "/" + route
    for name, value in kwargs.items():
        url = url.replace(f"<int:{name}>", str(value))
    response = client.get(url)
    if response.status_code == 405:  # a POST-only action: probe it the way it is used
        response = client.post(url, {})
    return response.status_code


def test_the_probe_sees_the_pages_of_the_apps():
    routes = [route for route, *_ in probed_patterns()]
    assert any(route.startswith("beheer/gebruikers/") for route in routes)
    # Each business app that is installed and has pages with ids is probed.
    for prefix in ("financien/", "casussen/", "mensenhandel/"):
        assert any(route.startswith(prefix) for route in routes), prefix


def test_no_page_shows_or_admits_to_a_record_that_is_not_for_the_user(demo_database):
    users = list(User.objects.filter(is_active=True).exclude(is_superuser=True))
    assert len(users) >= 12

    findings, unfillable, probes, closed_to_role = [], [], 0, 0
    probed_models = set()
    # Many pages share a model (a case has a dozen tabs): its hidden record is looked up once
    # per user. Each user logs in once, on a client of their own.
    hidden_records, clients = {}, {}
    for route, _pattern, view, model, names in probed_patterns():
        for user in users:
            if (model, user.pk) not in hidden_records:
                hidden_records[model, user.pk] = (
                    model._base_manager.exclude(pk__in=model.objects.visible_to(user).values("pk"))
                    .order_by("pk")
                    .first()
                )
            hidden = hidden_records[model, user.pk]
            if hidden is None:
                continue  # this user may see every record of the model
            kwargs = fill(view, model, names, hidden)
            if kwargs is None:
                unfillable.append(route)
                break
            if user.pk not in clients:
                clients[user.pk] = Client()
                clients[user.pk].force_login(user)
            client = clients[user.pk]
            status = request(client, route, kwargs)
            probes += 1
            probed_models.add(model)
            if status == 404:
                continue
            # The same page for an id that does not exist: what "nothing here" looks like.
            absent = request(client, route, {k: v + 10**6 for k, v in kwargs.items()})
            if status == absent and status == 403:
                # A page closed to the user's whole role (RoleRequiredMixin runs before the
                # scope) answers 403 to every id, existing or not: it reveals nothing.
                closed_to_role += 1
                continue
            findings.append(f"{user.username} {route} {kwargs} -> {status} (absent: {absent})")
    assert not unfillable, "Pages the probe cannot fill in (teach fill() how):\n" + "\n".join(
        sorted(set(unfillable))
    )
    assert not findings, "Records shown or admitted to:\n" + "\n".join(findings)
    assert probes >= 20 and len(probed_models) >= 3, (probes, probed_models)
    assert closed_to_role < probes, "the probe must reach scoped pages, not only closed ones"
