"""Safe responses for customer data: CSV exports and attachment downloads.

csv_safe("=HYPERLINK(...)")  ->  "'=HYPERLINK(...)"   (no formula runs in a spreadsheet)
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from typing import IO, Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from walletdesk.guard.services import audit_record
from walletdesk.guard.throttle import RateLimited, client_ip, limit_setting, throttle_hit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Types a browser could render or run are always served as opaque bytes.
SAFE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}
)
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')


def csv_safe(value: Any) -> str:
    """A cell a spreadsheet shows as text: formula-like values get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_export_response(
    *,
    request: HttpRequest,
    filename: str,
    header: list[str],
    rows: Iterable[Iterable[Any]],
    what: str,
) -> HttpResponse:
    """An audited, rate-limited CSV download whose every cell is escaped."""
    limit = limit_setting("EXPORTS_PER_HOUR")
    if throttle_hit(scope="export", key=str(request.user.pk), limit=limit, window=3600):
        raise RateLimited("Too many exports in the last hour.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_safe(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
        count += 1
    audit_record(
        action="export.csv",
        actor=request.user,
        ip=client_ip(request),
        data={"what": what, "rows": count, "filename": filename},
    )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def safe_filename(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("_", name).strip(". ") or "download"
    return cleaned[:150]


def attachment_response(*, file: IO[bytes], filename: str, content_type: str = "") -> FileResponse:
    """Always a download (never rendered inline), never sniffed, never cached by proxies."""
    kind = content_type.split(";")[0].strip().lower()
    response = FileResponse(
        file,
        as_attachment=True,
        filename=safe_filename(filename),
        content_type=kind if kind in SAFE_TYPES else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


Found = tuple[IO[bytes], str, str]  # open file, file name, declared content type


def attachment_view(load: Callable[..., Found | None]) -> Callable[..., FileResponse]:
    """Wrap load(request, **url_kwargs), which returns the file only when the requester may
    read it (else None): absent and forbidden both answer 404."""

    def view(request: HttpRequest, **kwargs) -> FileResponse:
        found = load(request, **kwargs)
        if found is None:
            raise Http404("No such attachment.")
        file, filename, content_type = found
        return attachment_response(file=file, filename=filename, content_type=content_type)

    view.__name__ = getattr(load, "__name__", "attachment")
    view.__doc__ = load.__doc__
    return view
