"""Two desks in two regions, and one user of every role and scope, for scope tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog.tests import factories as cf
from people.tests import factories as f


@pytest.fixture
def network(shared_copy, _network_shared, db) -> SimpleNamespace:
    """The network of the scope tests: built once for consecutive tests, each with its own copy of the objects."""
    return shared_copy(_network_shared)


@pytest.fixture
def _network_shared(shared_data) -> SimpleNamespace:
    return shared_data(_network_build)


def _network_build() -> SimpleNamespace:
    casablanca_region = cf.RegionFactory(slug="casablanca-settat")
    rabat_region = cf.RegionFactory(slug="rabat-sale-kenitra")
    casablanca_desk = cf.DeskFactory(
        slug="casablanca-desk", city=cf.CityFactory(slug="casablanca", region=casablanca_region)
    )
    rabat_desk = cf.DeskFactory(slug="rabat-desk", city=cf.CityFactory(slug="rabat", region=rabat_region))
    passport = cf.DocumentTypeFactory(slug="passport")
    casablanca_counsellor = f.StaffRoleFactory(user__username="casa-counsellor", desk=casablanca_desk).user
    rabat_counsellor = f.StaffRoleFactory(user__username="rabat-counsellor", desk=rabat_desk).user
    provider_role = f.StaffRoleFactory(user__username="provider-staff", provider_staff=True)
    provider_staff, provider = provider_role.user, provider_role.provider
    other_provider_role = f.StaffRoleFactory(user__username="other-provider-staff", provider_staff=True)
    other_provider_staff, other_provider = other_provider_role.user, other_provider_role.provider
    casablanca_admin = f.StaffRoleFactory(
        user__username="casablanca-admin", regional_admin=True, region=casablanca_region
    ).user
    rabat_admin = f.StaffRoleFactory(user__username="rabat-admin", regional_admin=True, region=rabat_region).user
    national_admin = f.StaffRoleFactory(user__username="national-admin", national_admin=True).user
    no_role = f.UserFactory(username="no-role")
    superuser = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    casablanca_file = f.BeneficiaryFactory(desk=casablanca_desk, first_name="Aminata", last_name="Diallo", proven=True)
    rabat_file = f.BeneficiaryFactory(desk=rabat_desk, first_name="Joseph", last_name="Mbeki")
    casablanca_document = casablanca_file.documents.create(document_type=passport)
    rabat_document = rabat_file.documents.create(document_type=passport)
    casablanca_consent = f.ConsentFactory(beneficiary=casablanca_file, recorded_by=casablanca_counsellor)
    rabat_consent = f.ConsentFactory(beneficiary=rabat_file, recorded_by=rabat_counsellor)
    f.NoteFactory(beneficiary=casablanca_file, author=casablanca_counsellor, text="Casablanca note")
    f.NoteFactory(beneficiary=rabat_file, author=rabat_counsellor, text="Rabat note")
    # Each file applied to one provider's programme: Casablanca's to "provider", Rabat's to the other.
    programme = cf.ProgrammeFactory(provider=provider)
    other_programme = cf.ProgrammeFactory(provider=other_provider)
    casablanca_application = f.ApplicationFactory(
        beneficiary=casablanca_file, programme=programme, created_by=casablanca_counsellor
    )
    rabat_application = f.ApplicationFactory(
        beneficiary=rabat_file, programme=other_programme, created_by=rabat_counsellor
    )
    # Each file's questionnaire suggested the other provider's programme: the apply form offers it.
    casablanca_orientation = f.OrientationResultFactory(
        beneficiary=casablanca_file,
        recorded_by=casablanca_counsellor,
        programmes=[{"id": other_programme.pk, "slug": other_programme.slug, "title": "Suggested", "score": 1.0}],
    )
    rabat_orientation = f.OrientationResultFactory(
        beneficiary=rabat_file,
        recorded_by=rabat_counsellor,
        programmes=[{"id": programme.pk, "slug": programme.slug, "title": "Suggested", "score": 1.0}],
    )
    return SimpleNamespace(**locals())
