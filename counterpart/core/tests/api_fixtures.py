"""Helpers of the API tests: a user with a token, and a client that sends it.

Every API test makes its users here, as department staff (who read and write everything but
users) unless a test asks for another role.
"""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from counterpart.users.choices import Role
from counterpart.users.models import User


def api_user(username: str = "api-user", **user_fields) -> tuple[User, Token]:
    """A user (English unless told otherwise) and their API token."""
    user_fields.setdefault("language", "en")
    user_fields.setdefault("role", Role.DEPARTMENT_STAFF)
    user = User.objects.create_user(username=username, password="not-used-here", **user_fields)
    return user, Token.objects.create(user=user)


def token_client(username: str = "api-user", **user_fields) -> tuple[APIClient, User]:
    """A client authenticated only by a token (no session), and its user."""
    user, token = api_user(username, **user_fields)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, user
