"""Base class for commands that write: their writes are change-logged as the CLI channel."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ..changelog import change_context
from ..choices import Channel


class LoggedCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="Record the changes as made by this user (default: no user).",
        )
        return parser

    def execute(self, *args, **options):
        user = self._user(options.get("as_user"))
        self.change_user = user  # for commands that open their own change context
        with change_context(user=user, channel=Channel.CLI):
            return super().execute(*args, **options)

    @staticmethod
    def _user(username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"--as-user: no user named {username!r}.") from None
