from django.urls import reverse


def test_health_answers_ok_with_one_query(client, django_assert_num_queries):
    """The health check is public and runs exactly one query against the database."""
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"
