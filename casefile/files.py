"""What an uploaded document is, decided by its content, and a safe name to show it under.

The type comes from the bytes, never from the name or the browser's Content-Type: puremagic
(pure Python, maintained) names the family from the magic bytes, and for the container formats
we look inside, because one signature covers many things: a ZIP is only a DOCX, XLSX or ODT
when its parts say so, and an OLE2 compound file only an Outlook message (MSG) when it holds
MSG property streams. An e-mail (EML) has no magic bytes: it is plain text that parses as
RFC 5322 headers (From, and Date or Subject or Message-ID) before the first empty line.
Anything else (an .exe renamed to .pdf, a ZIP, an old .doc) is refused.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass

HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileType:
    key: str
    label: str  # what the page shows ("PDF")
    content_type: str  # what the download sends
    extension: str


TYPES = {
    t.key: t
    for t in (
        FileType("pdf", "PDF", "application/pdf", ".pdf"),
        FileType(
            "docx",
            "Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        FileType(
            "xlsx",
            "Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx",
        ),
        FileType(
            "odt", "OpenDocument-tekst (ODT)", "application/vnd.oasis.opendocument.text", ".odt"
        ),
        FileType("png", "Afbeelding (PNG)", "image/png", ".png"),
        FileType("jpeg", "Afbeelding (JPEG)", "image/jpeg", ".jpg"),
        FileType("eml", "E-mail (EML)", "message/rfc822", ".eml"),
        FileType("msg", "Outlook-bericht (MSG)", "application/vnd.ms-outlook", ".msg"),
    )
}
ALLOWED_LABELS = "PDF, Word (DOCX), Excel (XLSX), OpenDocument-tekst (ODT), PNG, JPEG, EML en MSG"

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# The property streams every Outlook message has, as their names are stored (UTF-16LE).
MSG_STREAM = "__substg1.0_".encode("utf-16-le")
MSG_SCAN_BYTES = 4 * 1024 * 1024


def _magic_extensions(head: bytes) -> set[str]:
    import puremagic

    try:
        return {m.extension.lower() for m in puremagic.magic_string(head)}
    except puremagic.PureError:
        return set()


def _zip_type(fileobj) -> str | None:
    """DOCX, XLSX or ODT by the parts the archive lists (its central directory only: nothing
    is decompressed, except ODF's tiny `mimetype` entry, capped)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype == b"application/vnd.oasis.opendocument.text":
                        return "odt"
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def _is_msg(fileobj) -> bool:
    fileobj.seek(0)
    seen = b""
    read = 0
    while read < MSG_SCAN_BYTES:
        chunk = fileobj.read(65536)
        if not chunk:
            break
        read += len(chunk)
        if MSG_STREAM in seen[-len(MSG_STREAM) :] + chunk:
            return True
        seen = chunk
    return False


HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?.*$")
MAIL_HEADERS = {b"date", b"subject", b"message-id"}


def _is_eml(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("latin-1")
        except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes everything
            return False
    lines = text.replace("\r\n", "\n").split("\n")
    names = set()
    for line in lines:
        if line == "":
            break
        if line[0] in " \t":  # a folded header continues the previous one
            continue
        raw = line.encode("utf-8", "replace")
        if not HEADER_LINE.match(raw):
            return False
        names.add(raw.split(b":", 1)[0].lower())
    else:
        # No empty line in the first 8 kB: fine only when the whole head was headers.
        pass
    return b"from" in names and bool(names & MAIL_HEADERS)


def detect_type(fileobj) -> FileType | None:
    """The type of the file's content, or None when it is not one we accept."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    if not head:
        return None
    extensions = _magic_extensions(head)
    key = None
    if head.startswith(b"%PDF-") and ".pdf" in extensions:
        key = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n") and ".png" in extensions:
        key = "png"
    elif head.startswith(b"\xff\xd8\xff") and extensions & {".jpg", ".jpeg", ".jfif"}:
        key = "jpeg"
    elif head.startswith(ZIP):
        key = _zip_type(fileobj)
    elif head.startswith(OLE2):
        key = "msg" if _is_msg(fileobj) else None
    elif _is_eml(head):
        key = "eml"
    fileobj.seek(0)
    return TYPES.get(key) if key else None


# Characters Windows, macOS and Linux refuse or treat specially in a file name.
UNSAFE = re.compile(r'[<>:"/\\|?*]')


def safe_name(name: str, file_type: FileType | None = None, *, limit: int = 120) -> str:
    """The uploaded name made harmless to show and to offer as a download name.

    Path parts go (only the last part of "../../etc/passwd" or "C:\\temp\\x.pdf" stays),
    control and format characters go (newlines, NUL, right-to-left overrides), reserved
    characters become "_", and the extension is the one of the detected type, so a download
    never opens as something other than what it is.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = UNSAFE.sub("_", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .")[:limit] or "document"
    extension = file_type.extension if file_type else ""
    return f"{stem}{extension}"


def name_was_unsafe(name: str) -> bool:
    """Whether the uploaded name had path parts or control characters (then it is logged)."""
    return bool(
        re.search(r"[/\\]", name or "")
        or any(unicodedata.category(c) in ("Cc", "Cf") for c in name or "")
    )
