"""Every view is either scoped (ScopedMixin / RoleRequiredMixin) or on this allow-list.

A new page that forgets the permission layer fails here before it reaches a user.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from zvhd.views import Guarded

# Views that are not guarded by the permission layer, and why each may be so.
ALLOW_LIST = {
    # The start page shows only the user's own panels; each panel reads through visible_to.
    "zvhd.views.StartView": "own start page",
    # Health probe for the load balancer: no login, no personal data, only component states.
    "zvhd.health.healthz": "health probe",
    # django-allauth: the user's own login, logout, password and second-factor pages.
    "allauth.": "own account and second factor",
    # The API's OpenAPI schema and its documentation page: they describe the endpoints and
    # hold no data, and partners' developers must read them before they have a key. The
    # endpoints themselves are guarded (api.api_views.ClientAPIView).
    "api.views.SchemaView": "public API schema",
    "api.views.DocsView": "public API documentation",
    # Django's JavaScript catalog and similar framework views, if ever mounted.
    "django.views.static.": "static files in DEBUG",
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def dotted(callback) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return f"{view.__module__}.{view.__qualname__}"


def test_every_view_is_scoped_or_allow_listed():
    unguarded = []
    for route, callback in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        if view_class is not None and issubclass(view_class, Guarded):
            continue
        name = dotted(callback)
        if any(name.startswith(allowed) for allowed in ALLOW_LIST):
            continue
        unguarded.append(f"/{route} -> {name}")
    assert not unguarded, "Views without the permission layer:\n" + "\n".join(unguarded)


def test_the_walk_sees_the_apps_pages():
    routes = [route for route, _ in walk(get_resolver().url_patterns)]
    assert any(route.startswith("beheer/") for route in routes)
    assert any(route.startswith("privacy/") for route in routes)
