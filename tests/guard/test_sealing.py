"""guard.sealing: what is sealed comes back whole, is unreadable without the key, takes a new
nonce each time, opens under a rotated key kept in SECRET_KEY_FALLBACKS, and anything not
sealed passes through unchanged (rows stored before)."""

import pytest

from walletdesk.guard.sealing import Unsealable, is_sealed, seal, unseal

ANSWER = {"number": "WD-2026-000001", "access_token": "tok-Secret_123", "status": "new"}


def test_a_sealed_value_comes_back_whole_and_hides_its_content():
    sealed = seal(ANSWER)
    assert is_sealed(sealed) and list(sealed) == ["sealed"]
    assert "tok-Secret_123" not in repr(sealed) and "WD-2026" not in repr(sealed)
    assert unseal(sealed) == ANSWER
    assert seal(ANSWER) != sealed  # a fresh nonce: equal answers do not look equal


def test_values_not_sealed_pass_through():
    for value in (ANSWER, None, [], {"sealed": "plain text"}, "x"):
        assert not is_sealed(value)
        assert unseal(value) == value


def test_a_rotated_key_still_opens_older_seals_and_another_key_does_not(settings):
    sealed = seal(ANSWER)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert unseal(sealed) == ANSWER
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(Unsealable):
        unseal(sealed)


def test_an_altered_seal_is_refused():
    sealed = seal(ANSWER)["sealed"]
    flipped = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(Unsealable):
        unseal({"sealed": flipped})


# Sealed with SECRET_KEY = OLD_KEY by the first implementation (pycryptodome's AES-GCM): the
# stored format is the same whichever library seals, so rows stored before still open.
OLD_KEY = "sealing-compat-test-key-0123456789abcdef"
OLD_SEAL = (
    "wd-sealed-v1:AAECAwQFBgcICQoLATYJmuVIm7DwuhN1lPQHmBAegtNraZYXeReMJOWUtvmxzwZzf7FMsUimT-Kn"
    "tV6-6r2NcFs8PNms2QPSpvVZ7KuCkcpxXuQ_XUV_CWX0BYvD23nj5E7c76BJIY7tPzU="
)


def test_seals_stored_by_the_first_implementation_still_open(settings):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    assert unseal({"sealed": OLD_SEAL}) == ANSWER


def test_a_new_seal_keeps_the_stored_layout_nonce_tag_data(settings):
    import base64
    import json

    from Crypto.Cipher import AES
    from django.utils.crypto import salted_hmac

    settings.SECRET_KEY = OLD_KEY
    raw = base64.urlsafe_b64decode(seal(ANSWER)["sealed"].removeprefix("wd-sealed-v1:"))
    nonce, tag, data = raw[:12], raw[12:28], raw[28:]
    key = salted_hmac(
        "walletdesk.guard.sealing", "aes-256-gcm", secret=OLD_KEY, algorithm="sha256"
    ).digest()
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    assert json.loads(cipher.decrypt_and_verify(data, tag)) == ANSWER
