"""A web worker made ready before it takes its first request (gunicorn's post_worker_init,
zvhd/gunicorn.conf.py).

Django does much of its setting up on the first request a process serves: it imports every
view module when it first resolves a URL, compiles each template the first time it is asked
for (then keeps it: the cached loader) and reads the translation catalogues. In a new gunicorn
worker the first page therefore took 0.65 s of CPU where the same page takes 17 ms after it
(issue 24, the jaarverslag page in-process). Done here, at the worker's start, no user waits
for it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from pathlib import Path

logger = logging.getLogger(__name__)


def project_template_dirs() -> list[Path]:
    """The template directories of the project itself (templates/ and each app's): the pages,
    their partials and the form templates that render every form. Those of installed packages
    (the admin, the API browser) are compiled when first used."""
    from django.conf import settings
    from django.template import engines
    from django.template.utils import get_app_template_dirs

    base = Path(settings.BASE_DIR).resolve()
    dirs = [*engines["django"].engine.dirs, *get_app_template_dirs("templates")]
    return [
        Path(d)
        for d in dirs
        if Path(d).resolve().is_relative_to(base) and ".venv" not in Path(d).resolve().parts
    ]


def _resolve_all(resolver, namespace: str = "") -> None:
    """Every resolver's reverse lookups and every pattern's regex, and a reverse into every
    namespace: Django builds a namespace's own resolver on the first `reverse("ns:...")`
    into it (a name that is no page only finds none, after that)."""
    from django.urls import NoReverseMatch, URLResolver, reverse

    resolver.reverse_dict  # noqa: B018 (made on first access)
    for pattern in resolver.url_patterns:
        pattern.pattern.regex  # noqa: B018
        if isinstance(pattern, URLResolver) and not pattern.namespace:
            _resolve_all(pattern, namespace)
    for name, (_prefix, sub) in resolver.namespace_dict.items():
        path = f"{namespace}{name}:"
        with contextlib.suppress(NoReverseMatch):
            reverse(f"{path}-")
        _resolve_all(sub, path)


def warm() -> dict[str, int]:
    """Resolve the URLs (importing every view), compile the project's templates and load the
    translations; returns what was done, for the log. A template that does not compile is
    left for its page to report, as it would have been."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import formats, translation
    from django.utils.module_loading import import_string

    started = time.perf_counter()
    with translation.override(settings.LANGUAGE_CODE):
        # The reverse lookups and the patterns' regexes are kept per language.
        _resolve_all(get_resolver())
    engine = engines["django"]
    compiled = 0
    for directory in project_template_dirs():
        for path in sorted(directory.rglob("*")):
            if path.suffix not in {".html", ".txt", ".xml"}:
                continue
            try:
                engine.get_template(path.relative_to(directory).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue
            compiled += 1
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Opslaan")
        formats.get_format("DATE_INPUT_FORMATS")  # the locale's formats (zvhd/locale_formats)
    engine.engine.template_context_processors  # noqa: B018 (imported on first access)
    import_string(settings.MESSAGE_STORAGE)
    staticfiles_storage.location  # noqa: B018 (reads the manifest)
    took = round((time.perf_counter() - started) * 1000)
    logger.info("Web worker warmed up: %d templates in %d ms", compiled, took)
    return {"templates": compiled, "ms": took}


def settle() -> int:
    """After the warm-up: collect what starting left behind, then move every object that
    lives now (modules, settings, URL patterns, compiled templates, translation catalogues:
    ~240,000 objects in a gunicorn worker) into the interpreter's permanent generation
    (`gc.freeze()`), where the garbage collector no longer walks them. Before, every full
    collection walked them all, ~90 ms of a request that happened to trigger it: the tail of
    the pages' times (issue 24, an export's 190 ms request took 320 ms one time in four).
    Returns how many were frozen.

    These are what a worker keeps for its life anyway. One of them that is dropped later is
    still freed by its reference count; only a dropped one inside a reference cycle would
    stay until the worker ends. What is made after this (a request's objects, caches that
    fill up later) is collected as before."""
    gc.collect()
    gc.freeze()
    count = gc.get_freeze_count()
    logger.info("Web worker settled: %d objects left out of garbage collection", count)
    return count
