from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from accounts.selectors import own_file_account_register
        from audit.models import AuditObject
        from audit.services import audit_object_register
        from orientation.keeping import ResultsKeeper, results_keeper_register
        from people import selectors, services
        from people.models import Beneficiary

        # Audit lines about a file name it by this kind (the log predates this registry), and by its public id: a
        # sequential id could be asked for (and refused) before a record gets it.
        audit_object_register(model=Beneficiary, kind=AuditObject.BENEFICIARY, id_field="public_id")
        # Staff sign-in sends a person's own account to their space instead of an authenticator app.
        own_file_account_register(selectors.is_beneficiary_account)
        # The public questionnaire's results page offers a person with a file to keep their results in it.
        results_keeper_register(
            ResultsKeeper(
                can_keep=lambda request: selectors.is_beneficiary_account(request.user),
                keep=lambda request, profile: services.orientation_result_save_own(
                    actor=request.actor, profile=profile
                ),
            )
        )
