"""The public verification API and page: no login, both languages, rate-limited."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_answers_official_in_both_languages(client, registry_rows):
    response = client.get("/api/v1/verify", {"value": "https://walletdesk.com/app"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "official"
    assert body["message"]["en"].startswith("Official")
    assert body["message"]["zh-hans"].startswith("官方")
    assert "recovery phrase" in body["advice"]["en"]


def test_api_explains_a_lookalike(client, registry_rows):
    body = client.get("/api/v1/verify", {"value": "wa11etdesk.com"}).json()
    assert body["status"] == "not_official"
    assert body["reasons"] == ["homoglyph"]
    assert body["resembles"] == "walletdesk"
    assert "形似字符" in body["explanations"][0]["zh-hans"]


def test_api_known_scam_and_explicit_kind(client, registry_rows):
    body = client.get(
        "/api/v1/verify", {"value": "walletdesk_help_desk", "kind": "telegram"}
    ).json()
    assert body["status"] == "known_scam"


def test_api_rejects_empty_and_unknown_kind(client):
    assert client.get("/api/v1/verify", {"value": ""}).status_code == 422
    assert client.get("/api/v1/verify", {"value": "a", "kind": "fax"}).status_code == 422


def test_api_is_rate_limited_per_client(client, settings, registry_rows):
    settings.WALLETDESK = {**settings.WALLETDESK, "VERIFY_RATE_PER_MINUTE": 3}
    codes = [client.get("/api/v1/verify", {"value": "x.com"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    other = client.get("/api/v1/verify", {"value": "x.com"}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 200
    limited = client.get("/api/v1/verify", {"value": "x.com"})
    assert limited.json()["error"]["code"] == "rate_limited"


def test_page_in_english_and_chinese(client, registry_rows):
    english = client.get("/verify/", {"q": "https://walletdesk-airdrop.xyz", "lang": "en"})
    assert english.status_code == 200
    assert b'data-status="known_scam"' in english.content
    assert b"Known scam" in english.content
    chinese = client.get("/verify/", {"q": "+1 800 555 0100", "lang": "zh-hans"})
    text = chinese.content.decode()
    assert 'data-status="official"' in text and "官方" in text


def test_page_without_a_query_lists_official_channels(client, registry_rows):
    response = client.get("/verify/")
    assert response.status_code == 200
    assert b"data-status" not in response.content
    assert b"support@walletdesk.com" in response.content


def test_page_escapes_what_was_entered(client):
    response = client.get("/verify/", {"q": "<script>alert(1)</script>.com"})
    assert b"<script>alert(1)" not in response.content


def test_page_is_rate_limited(client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "VERIFY_RATE_PER_MINUTE": 1}
    assert client.get("/verify/", {"q": "a.com"}).status_code == 200
    assert client.get("/verify/", {"q": "a.com"}).status_code == 429
