import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from boks.uploads import check_upload


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("brief.pdf", b"%PDF-1.7\n" + b"x" * 500, "pdf"),
        ("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 500, "jpg"),
        ("plan.docx", docx_bytes(), "docx"),
        ("notitie.txt", "Dit is één verhaal.\n".encode(), "txt"),
        ("verkeerde-naam.txt", b"%PDF-1.4\n" + b"y" * 100, "pdf"),
    ],
)
def test_the_type_is_decided_by_the_content(name, content, extension):
    checked = check_upload(SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    assert checked.extension == extension
    assert checked.safe_name(name).endswith(f".{extension}")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("factuur.pdf", b"MZ\x90\x00" + b"\x00" * 500),  # a Windows program dressed as a PDF
        ("leuk.jpg", b"<html><script>alert(1)</script></html>"),
        ("tekening.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("archief.zip", b"PK\x03\x04" + b"\x00" * 500),
    ],
)
def test_programs_archives_and_markup_are_refused_whatever_their_name(name, content):
    with pytest.raises(ValidationError, match="kan niet worden geüpload"):
        check_upload(SimpleUploadedFile(name, content))


def test_an_empty_or_oversized_file_is_refused(settings):
    with pytest.raises(ValidationError, match="leeg"):
        check_upload(SimpleUploadedFile("leeg.pdf", b""))
    settings.BOKS_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="te groot"):
        check_upload(SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"x" * (1024 * 1024 + 1)))
