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


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "VERIFY_RATE_PER_MINUTE": 2, "TRUSTED_PROXIES": 1}

    def verify(forwarded: str) -> int:
        return client.get(
            "/api/v1/verify",
            {"value": "x.com"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert [verify("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert verify("198.51.100.4") == 200  # another client behind the same proxy
    assert verify("198.51.100.4, 203.0.113.7") == 429  # a forged first hop changes nothing


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "VERIFY_RATE_PER_MINUTE": 2, "TRUSTED_PROXIES": 0}
    codes = [
        client.get("/api/v1/verify", {"value": "x.com"}, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
        for n in range(3)
    ]
    assert [r.status_code for r in codes] == [200, 200, 429]


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
