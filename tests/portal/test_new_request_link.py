"""Links from knowledge-base articles to a new request keep working."""


def test_the_articles_new_request_link_leads_to_the_form(client, db):
    response = client.get("/new/?article=energy-and-bandwidth")
    assert response.status_code == 302
    assert response["Location"] == "/request/?article=energy-and-bandwidth"
