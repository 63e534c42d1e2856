"""What applications add to the apps below them, connected once at start-up (ApplicationsConfig.ready).

- the audit log names applications by their public ids;
- withdrawing consent to processing, or erasing a file, withdraws the
  person's live applications (seats freed and offered on, providers told);
  an erased file's applications stay as anonymous counts;
- provider staff land on their applications' workspace from /desk/.
"""

from __future__ import annotations


def connect() -> None:
    from applications.models import Application
    from audit.models import AuditObject
    from audit.services import audit_object_register

    audit_object_register(model=Application, kind=AuditObject.APPLICATION, id_field="public_id")

    from accounts.selectors import is_provider_staff
    from people.homes import staff_home_register

    staff_home_register(predicate=is_provider_staff, url_name="provider_applications:home")
