from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from counterpart.sample.loader import ADMIN_USERNAME, SAMPLE_PASSWORD, SAMPLE_USERS
from counterpart.users.choices import Role


class Command(BaseCommand):
    help = "Print how to log in to the sample data (development settings only)."

    def handle(self, *args, **options):
        if not settings.SAMPLE_USERS_ALLOWED:
            self.stdout.write("Sample users exist only with development settings.")
            return
        if not get_user_model().objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write("No sample users yet: run `counterpart load-sample`.")
            return
        self.stdout.write(f"Log in as {ADMIN_USERNAME} / {SAMPLE_PASSWORD} (sample data).")
        self.stdout.write(f"Password of every sample user: {SAMPLE_PASSWORD}. One per role:")
        users = (
            get_user_model()
            .objects.filter(
                username__in=[ADMIN_USERNAME, "officer-230100", *(u[0] for u in SAMPLE_USERS)]
            )
            .select_related("city", "task_force")
        )
        for user in sorted(users, key=lambda u: list(Role).index(u.role)):
            scope = user.city or user.task_force
            where = f" ({scope})" if scope else ""
            self.stdout.write(f"  {user.username:<16} {user.get_role_display()}{where}")
        self.stdout.write("Task-force officers: officer-230100 … officer-232700, one per city.")
