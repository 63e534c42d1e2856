from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from core.http import client_ip
        from orientation.keeping import ResultsKeeper, results_keeper_register
        from people import selectors, services

        # The public questionnaire's results page offers a person with a file to keep their results in it.
        results_keeper_register(
            ResultsKeeper(
                can_keep=lambda request: selectors.is_beneficiary_account(request.user),
                keep=lambda request, profile: services.orientation_result_save_own(
                    user=request.user, profile=profile, ip_address=client_ip(request)
                ),
            )
        )
