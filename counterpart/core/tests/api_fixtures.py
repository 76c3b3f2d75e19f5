"""Helpers of the API tests: a user with a token, and a client that sends it."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from counterpart.users.models import User


def token_client(username: str = "api-user", **user_fields) -> tuple[APIClient, User]:
    """A client authenticated only by a token (no session), and its user."""
    user_fields.setdefault("language", "en")
    user = User.objects.create_user(username=username, password="not-used-here", **user_fields)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client, user
