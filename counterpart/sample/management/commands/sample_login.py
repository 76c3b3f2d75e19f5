from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from counterpart.sample.loader import ADMIN_USERNAME, SAMPLE_PASSWORD


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
        self.stdout.write(f"Task-force officers: officer-230100 … / {SAMPLE_PASSWORD}.")
