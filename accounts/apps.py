from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from accounts import signals  # noqa: F401  (connects the audit receivers of sign-in and sign-out)
        from audit.models import AuditObject
        from audit.services import audit_object_register

        # Lines about an account (sign-in, sign-out, second factor) name it by this kind.
        audit_object_register(model=get_user_model(), kind=AuditObject.USER)
