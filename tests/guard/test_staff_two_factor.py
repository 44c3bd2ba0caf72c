"""Staff accounts must enrol and pass a TOTP code before the admin, console or agent API."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f
from walletdesk.guard.models import AuditEntry
from walletdesk.guard.staff import staff_2fa_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("boss", password="pw", is_staff=True)
    client.force_login(user)
    return user


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client, user) -> TOTPDevice:
    client.get("/staff/2fa/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/staff/2fa/", {"token": code_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return device


def test_unverified_staff_is_sent_to_the_second_factor(client, staff):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/2fa/?next=%2Fadmin%2F"


def test_enrolment_shows_a_qr_code_and_a_valid_code_unlocks(client, staff):
    page = client.get("/staff/2fa/")
    assert b"<svg" in page.content
    device = enrol(client, staff)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.2fa_enrolled", actor=staff).exists()


def test_a_wrong_code_is_refused_and_audited(client, staff):
    client.get("/staff/2fa/")
    response = client.post("/staff/2fa/", {"token": "000000"})
    assert response.status_code == 200
    assert "not valid" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action="auth.2fa_failed").count() == 1


def test_next_sign_in_asks_for_a_code_without_a_new_qr(client, staff):
    device = enrol(client, staff)
    client.logout()
    client.force_login(staff)
    page = client.get("/staff/2fa/")
    assert b"<svg" not in page.content
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this test
    device.save()
    response = client.post("/staff/2fa/", {"token": code_for(device), "next": "/admin/"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_off_site_next_is_ignored(client, staff):
    client.get("/staff/2fa/")
    device = TOTPDevice.objects.get(user=staff)
    response = client.post("/staff/2fa/", {"token": code_for(device), "next": "https://evil.top"})
    assert response["Location"] == "/console/"


def test_agents_are_staff_and_the_agent_api_answers_403_json(client):
    agent = f.agent()
    client.force_login(agent.user)
    response = client.get("/api/v1/agent/queues/open")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_customers_and_anonymous_visitors_are_not_affected(client):
    assert client.get("/verify/").status_code == 200
    user = get_user_model().objects.create_user("plain", password="pw")
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # admin's own login, not our 2FA step
    assert "/staff/2fa/" not in client.get("/admin/")["Location"]


def test_setting_off_lets_staff_through(client, staff, settings):
    settings.STAFF_2FA_REQUIRED = False
    assert client.get("/admin/").status_code == 200


def test_decorator_guards_other_staff_views(staff):
    request = RequestFactory().get("/reports/")
    request.user = staff
    request.user.is_verified = lambda: False
    response = staff_2fa_required(lambda r: "ran")(request)
    assert response.status_code == 302 and response["Location"].startswith("/staff/2fa/")
