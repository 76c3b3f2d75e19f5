from counterpart.core.api.serializers import ModelSerializer

from ..models import User


class UserSerializer(ModelSerializer):
    """Who a user is (never the password, nor interface preferences)."""

    class Meta:
        model = User
        fields = (
            "id",
            "display",
            "username",
            "display_name",
            "first_name",
            "last_name",
            "email",
            "phone",
            "language",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
            "date_joined",
        )
