import pytest

from tests.inbox_telegram._payloads import ALL, load
from walletdesk.inbox.adapters.telegram.parse import (
    Action,
    InvalidUpdate,
    language_of,
    parse,
)


def test_private_text_is_ingested_with_sender_and_language():
    update = parse(load("private_text"))
    assert update.action is Action.INGEST
    assert update.update_id == 731264001
    assert (update.chat_id, update.user_id, update.message_id) == (5127749213, 5127749213, 41)
    assert update.display_name == "Mei Lin"
    assert update.language == "en"
    assert update.text.startswith("Hi, I sent 120 USDT")
    assert update.files == ()


def test_photo_takes_the_largest_size_and_the_caption():
    update = parse(load("photo"))
    assert update.action is Action.INGEST
    assert update.text == "This is the screen after I pressed send"
    (photo,) = update.files
    assert photo.file_id.endswith("large_1280")
    assert photo.content_type == "image/jpeg"


def test_document_keeps_name_and_type():
    (doc,) = parse(load("document")).files
    assert doc.name == "exchange-deposit-history.pdf"
    assert doc.content_type == "application/pdf"
    assert doc.size == 48213


def test_edited_message_is_ingested_as_edited():
    update = parse(load("edited_message"))
    assert update.action is Action.INGEST
    assert update.edited
    assert update.date == 1763861120


def test_voice_is_fetched_and_described():
    update = parse(load("voice"))
    assert update.text == "[voice message, 7 s]"
    assert update.files[0].content_type == "audio/ogg"
    assert update.language == "zh-hans"


def test_sticker_becomes_a_short_text_without_download():
    update = parse(load("sticker"))
    assert update.action is Action.INGEST
    assert update.text == "[sticker 🙏]"
    assert update.files == ()


def test_start_with_chinese_language_code():
    update = parse(load("start_zh"))
    assert update.action is Action.START
    assert update.language == "zh-hans"
    assert update.start_payload == ""


def test_start_addressed_to_the_bot_with_a_payload():
    update = parse(load("start_deeplink_en"))
    assert update.action is Action.START
    assert update.start_payload == "from-app"
    assert update.language == "en"


def test_bot_blocked_by_the_user():
    update = parse(load("my_chat_member_kicked"))
    assert update.action is Action.BLOCKED
    assert update.chat_id == 5127749213


@pytest.mark.parametrize(
    ("name", "reason"), [("group_text", "not_private"), ("callback_query", "unhandled_type")]
)
def test_ignored_updates_say_why(name, reason):
    update = parse(load(name))
    assert update.action is Action.IGNORE
    assert update.reason == reason


def test_a_future_update_type_is_ignored_not_an_error():
    update = parse({"update_id": 5, "purchased_paid_media": {"from": {"id": 1}}})
    assert (update.action, update.reason, update.kind) == (
        Action.IGNORE,
        "unknown_type",
        "purchased_paid_media",
    )


@pytest.mark.parametrize("body", [[], {"message": {}}, {"update_id": "7"}, {"update_id": -1}])
def test_not_an_update(body):
    with pytest.raises(InvalidUpdate):
        parse(body)


@pytest.mark.parametrize(
    ("code", "language"),
    [("zh-hans", "zh-hans"), ("zh-TW", "zh-hans"), ("en-GB", "en"), ("ru", ""), ("", "")],
)
def test_language_codes(code, language):
    assert language_of(code) == language


@pytest.mark.parametrize("name", ALL)
def test_every_fixture_parses(name):
    assert parse(load(name)).update_id > 0
