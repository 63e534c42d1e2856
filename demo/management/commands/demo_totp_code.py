"""``manage.py demo_totp_code counsellor``: the code a demo staff account's authenticator app shows now.

For demo machines without a phone at hand; refused in production, and only
for the demo accounts whose keys README.md publishes anyway.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import totp_code_now
from demo.accounts import DEMO_TOTP_KEYS


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo staff account (demo machines only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", choices=sorted(DEMO_TOTP_KEYS))

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo codes are refused in production.")
        device = TOTPDevice.objects.filter(user__username=options["username"], name="demo", confirmed=True).first()
        if device is None:
            raise CommandError("No demo authenticator for this account: run `manage.py load_demo` first.")
        self.stdout.write(totp_code_now(device))
