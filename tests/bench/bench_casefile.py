"""Upload of a 10 MB PDF (issue 19: ≤ 1 s, plus the scan).

    python -m tests.bench.bench_casefile [--runs 10]
    make bench BENCH_ARGS="casefile"

Measures, in-process and without a database, what an upload costs the web process: Django's
multipart parser with the house's upload handlers (zvhd/uploads.py, then memory/temporary
file) on a 10 MB request body, the content check (casefile/files.py), the SHA-256 and writing
the file to the private storage; then, when clamd is installed, the same with the INSTREAM scan
of a clamd started here with a one-signature database (the scan of a real signature set is
slower: measure it on the production machine). Prints p50/p95 per step.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

SIZE = 10 * 1024 * 1024


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
    import django

    django.setup()


def _body(pdf: bytes, boundary: str) -> bytes:
    return (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )


def _clamd(folder: Path):
    binary = shutil.which("clamd") or "/usr/sbin/clamd"
    if not Path(binary).exists():
        return None, None
    (folder / "db").mkdir()
    (folder / "db" / "local.ndb").write_text("Bench-Signature:0:*:0102030405060708090a0b0c\n")
    sock = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"LocalSocket {sock}\nDatabaseDirectory {folder / 'db'}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nStreamMaxLength 100M\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(folder / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        if sock.exists():
            return process, str(sock)
        time.sleep(0.1)
    process.kill()
    return None, None


def run(argv):
    _setup()
    from django.conf import settings
    from django.http.multipartparser import MultiPartParser
    from django.test import RequestFactory

    from casefile import clamav
    from casefile.demo import tiny_pdf
    from casefile.files import detect_type
    from casefile.storage import PrivateStorage

    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 10
    pdf = tiny_pdf("bench") + b"%" * (SIZE - len(tiny_pdf("bench")))
    boundary = "benchgrens"
    body = _body(pdf, boundary)
    with tempfile.TemporaryDirectory() as folder:
        settings.DOCUMENTS_ROOT = Path(folder) / "documenten"
        storage = PrivateStorage()
        process, sock = _clamd(Path(folder))
        steps: dict[str, list[float]] = {"parse": [], "check+hash+store": [], "scan": []}
        for _ in range(runs):
            request = RequestFactory().post("/", data=b"", content_type="multipart/form-data")
            meta = {
                **request.META,
                "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
                "CONTENT_LENGTH": str(len(body)),
            }
            started = time.perf_counter()
            parser = MultiPartParser(meta, io.BytesIO(body), request.upload_handlers)
            _post, files = parser.parse()
            upload = files["file"]
            steps["parse"].append(time.perf_counter() - started)
            started = time.perf_counter()
            assert detect_type(upload).key == "pdf"
            digest = hashlib.sha256()
            upload.seek(0)
            for chunk in upload.chunks(65536):
                digest.update(chunk)
            upload.seek(0)
            storage.save("bench.bin", upload)
            steps["check+hash+store"].append(time.perf_counter() - started)
            if sock:
                settings.CLAMAV_SOCKET = sock
                started = time.perf_counter()
                assert clamav.scan(upload).clean
                steps["scan"].append(time.perf_counter() - started)
        if process:
            process.terminate()
            process.wait(timeout=10)
    print(f"10 MB PDF, {runs} runs, load {os.getloadavg()[0]:.1f}")
    print("| step | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for name, values in steps.items():
        if not values:
            print(f"| {name} | (clamd not installed) | |")
            continue
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"| {name} | {statistics.median(values) * 1000:.0f} | {p95 * 1000:.0f} |")


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
