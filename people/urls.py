from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.today, name="today"),
    path("files/", views.beneficiary_list, name="beneficiary_list"),
    path("files/new/", views.beneficiary_create, name="beneficiary_create"),
    path("files/<int:pk>/", views.beneficiary_detail, name="beneficiary_detail"),
    path("files/<int:pk>/edit/", views.beneficiary_edit, name="beneficiary_edit"),
    path("files/<int:pk>/export/", views.beneficiary_export, name="beneficiary_export"),
    path("files/<int:pk>/export.pdf", views.beneficiary_export_pdf, name="beneficiary_export_pdf"),
    path("files/<int:pk>/erase/", views.beneficiary_erase, name="beneficiary_erase"),
    path("files/<int:pk>/consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("files/<int:pk>/consents/give/", views.consent_give, name="consent_give"),
    path("files/<int:pk>/account/", views.account_link, name="account_link"),
    path("files/<int:pk>/account/code/", views.account_link_code, name="account_link_code"),
    path("files/<int:pk>/notes/", views.note_create, name="note_create"),
    path("files/<int:pk>/referrals/", views.referral_create, name="referral_create"),
    path("files/<int:pk>/orientation/", views.orientation_run, name="orientation_run"),
    path("referrals/", views.provider_referral_list, name="provider_referral_list"),
    path("referrals/<int:pk>/", views.provider_referral_detail, name="provider_referral_detail"),
    path("audit/", views.audit_log, name="audit_log"),
    path("files/<int:pk>/documents/<int:document_id>/seen/", views.document_seen, name="document_seen"),
]
