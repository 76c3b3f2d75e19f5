"""`counterpart api-token USERNAME [--revoke]`: issue (or replace) or revoke a user's API token."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from counterpart.core.api.tokens import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue a new API token for a user (replacing any old one) and print it, or revoke it."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="delete the user's token instead")

    def handle(self, *args, username: str, revoke: bool, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if revoke:
            if revoke_token(user):
                self.stdout.write(f"The API token of {username} is revoked.")
            else:
                self.stdout.write(f"{username} had no API token.")
            return
        if not user.is_active:
            raise CommandError(f"{username} is not active: an API token would not work.")
        self.stdout.write(issue_token(user).key)
