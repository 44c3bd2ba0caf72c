"""CSV exports escape formulas and are audited; attachments are always safe downloads."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.test import RequestFactory

from walletdesk.guard.models import AuditEntry
from walletdesk.guard.responses import attachment_view, csv_export_response, csv_safe
from walletdesk.guard.throttle import RateLimited


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 800", "'+1 800"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1+1", "'＝1+1"),
        ("plain", "plain"),
        (None, ""),
        (42, "42"),
    ],
)
def test_formula_prefixes_are_escaped(value, shown):
    assert csv_safe(value) == shown


@pytest.fixture
def staff_request(db):
    request = RequestFactory().get("/export")
    request.user = get_user_model().objects.create_user("exporter", is_staff=True)
    return request


def test_export_is_escaped_audited_and_a_download(staff_request):
    response = csv_export_response(
        request=staff_request,
        filename="customers.csv",
        header=["name", "note"],
        rows=[["Ann", "=cmd|' /C calc'!A0"], ["Bo", "ok"]],
        what="customers",
    )
    body = response.content.decode("utf-8-sig")
    assert "'=cmd" in body and "\nAnn," in body.replace("\r", "")
    assert response["Content-Disposition"] == 'attachment; filename="customers.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action="export.csv")
    assert entry.data == {"what": "customers", "rows": 2, "filename": "customers.csv"}


def test_exports_are_rate_limited(staff_request, settings):
    from django.core.cache import cache

    cache.clear()
    settings.WALLETDESK = {**settings.WALLETDESK, "EXPORTS_PER_HOUR": 1}
    csv_export_response(request=staff_request, filename="a.csv", header=[], rows=[], what="x")
    with pytest.raises(RateLimited):
        csv_export_response(request=staff_request, filename="a.csv", header=[], rows=[], what="x")


def load(request, pk):
    if pk != 1 or request.user != "owner":
        return None
    return io.BytesIO(b"<script>alert(1)</script>"), 'evil"\r\nX: y.html', "text/html"


def test_attachment_download_is_forced_and_never_sniffed():
    view = attachment_view(load)
    request = RequestFactory().get("/a/1")
    request.user = "owner"
    response = view(request, pk=1)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "\n" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


def test_attachment_of_someone_else_and_absent_one_look_the_same():
    view = attachment_view(load)
    request = RequestFactory().get("/a/1")
    request.user = "stranger"
    with pytest.raises(Http404):
        view(request, pk=1)
    request.user = "owner"
    with pytest.raises(Http404):
        view(request, pk=2)
