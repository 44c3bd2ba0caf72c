"""Staff sign-in and sign-out with Django auth; only agents get into the console."""

from django.contrib.auth import get_user_model
from django.urls import reverse


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("console:queue"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("console:login"))


def test_agent_signs_in_with_password_and_lands_on_queue(client, agent):
    response = client.post(
        reverse("console:login"), {"username": "liwei", "password": "pw-liwei"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("console:queue")
    assert "liwei" in response.content.decode()


def test_wrong_password_shows_error_and_stays_signed_out(client, agent):
    response = client.post(reverse("console:login"), {"username": "liwei", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert client.get(reverse("console:queue")).status_code == 302


def test_user_without_agent_profile_is_refused(client, db):
    user = get_user_model().objects.create_user(username="visitor", password="pw-visitor")
    client.force_login(user)
    assert client.get(reverse("console:queue")).status_code == 403


def test_sign_out_ends_the_session(agent_client):
    response = agent_client.post(reverse("console:logout"))
    assert response.status_code == 302
    assert agent_client.get(reverse("console:queue")).status_code == 302
