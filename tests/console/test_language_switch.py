"""Pages follow the browser's language until the reader picks one with the header's switcher,
which then wins on the portal and in the console alike."""

from django.urls import reverse

from tests import factories


def lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_browser_language_is_the_default(client, db):
    assert lang(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")) == "zh-Hans"
    assert lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")) == "en"


def test_the_switcher_overrides_the_browser(agent_client):
    factories.ticket()
    page = agent_client.get(reverse("console:queue"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert f'action="{reverse("set_language")}"' in page.content.decode()  # the header's switcher
    switched = agent_client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("console:queue")}
    )
    assert switched.status_code == 302 and switched["Location"] == reverse("console:queue")
    for url in (reverse("console:queue"), reverse("console:supervisor"), "/"):
        assert lang(agent_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US")) == "zh-Hans", url
