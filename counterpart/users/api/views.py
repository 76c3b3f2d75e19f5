from rest_framework.permissions import IsAdminUser

from counterpart.core.api.views import ModelPermission, ReadOnlyModelViewSet

from ..filtersets import UserFilterSet
from ..models import User
from . import serializers


class UserViewSet(ReadOnlyModelViewSet):
    """The users, for administrators (staff) only, read only: accounts are managed in the
    admin."""

    queryset = User.objects.order_by("username")
    serializer_class = serializers.UserSerializer
    filterset_class = UserFilterSet
    permission_classes = [IsAdminUser, ModelPermission]
