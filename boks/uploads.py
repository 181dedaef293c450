"""Uploaded files, for every app that accepts them (documents in the portal, attachments to requests).

A file's type is decided by its content (magic numbers), never by its name or the browser's word
for it; only documents and images families and workers actually exchange are accepted, with a size
limit. Files are served back only as downloads with the type that was checked, so a browser never
renders or runs them.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

# Detected extension -> content type. Anything else (executables, archives, scripts, HTML, SVG) is refused.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "heic": "image/heic",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "rtf": "application/rtf",
    "txt": "text/plain",
}
ALLOWED_DESCRIPTION = (
    "PDF, foto's (JPG, PNG, GIF, WEBP, HEIC), Word, Excel, PowerPoint, OpenDocument, RTF en platte tekst"
)
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int

    def safe_name(self, original: str) -> str:
        """The uploaded name with the extension that matches the checked content."""
        stem = PurePath(original).stem.strip() or "bestand"
        return f"{stem[:150]}.{self.extension}"


def max_upload_bytes() -> int:
    return settings.BOKS_MAX_UPLOAD_MB * 1024 * 1024


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lowered = text.lstrip().lower()
    # Markup would be rendered by a browser that ignores the declared type; refuse it as text.
    return not lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script"))


def check_upload(upload) -> CheckedUpload:
    """Raises ValidationError with a Dutch message for an empty, oversized or disallowed file."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("Het bestand is te groot: %(mb).1f MB. Het mag hoogstens %(max)s MB zijn.")
            % {"mb": size / 1024 / 1024, "max": settings.BOKS_MAX_UPLOAD_MB},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else ("txt" if _looks_like_text(head) else "")
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dit soort bestand kan niet worden geüpload. Dat kan wel: %(types)s.") % {"types": ALLOWED_DESCRIPTION},
            code="type",
        )
    return CheckedUpload(extension=extension, content_type=ALLOWED_TYPES[extension], size=size)


def attachment_response(file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """Serves a stored file as a download with its checked type; the browser must not sniff or render it."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
