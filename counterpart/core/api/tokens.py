"""API tokens: one per user (DRF's authtoken), created, replaced or revoked by the user
(``/api/token/``, signed in), by an administrator (the admin) or on the command line
(``counterpart api-token``)."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response

from .views import APIView


def issue_token(user) -> Token:
    """A new token for ``user``, replacing any it had (the old key stops working)."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def revoke_token(user) -> bool:
    """Delete ``user``'s token; whether there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


class TokenSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Send as `Authorization: Token <key>`.")
    created = serializers.DateTimeField()


class TokenView(APIView):
    """The signed-in user's own API token."""

    @extend_schema(tags=["token"], request=None, responses={201: TokenSerializer})
    def post(self, request):
        """Create a token, or replace the one there is (the old key stops working)."""
        token = issue_token(request.user)
        return Response(TokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(tags=["token"], request=None, responses={204: None})
    def delete(self, request):
        """Revoke the token: requests with it are refused from now on."""
        revoke_token(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
