from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    """The desk's day: reasons, availability, bookings, reminders, and the walk-in queue."""

    name = "appointments"
    verbose_name = _("Appointments")

    def ready(self) -> None:
        from appointments import wiring

        wiring.connect()
