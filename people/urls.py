from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.today, name="today"),
    path("files/", views.beneficiary_list, name="beneficiary_list"),
    path("files/new/", views.beneficiary_create, name="beneficiary_create"),
    path("files/<str:public_id>/", views.beneficiary_detail, name="beneficiary_detail"),
    path("files/<str:public_id>/edit/", views.beneficiary_edit, name="beneficiary_edit"),
    path("files/<str:public_id>/export/", views.beneficiary_export, name="beneficiary_export"),
    path("files/<str:public_id>/export.pdf", views.beneficiary_export_pdf, name="beneficiary_export_pdf"),
    path("files/<str:public_id>/erase/", views.beneficiary_erase, name="beneficiary_erase"),
    path("files/<str:public_id>/consents/<str:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("files/<str:public_id>/consents/give/", views.consent_give, name="consent_give"),
    path("files/<str:public_id>/account/", views.account_link, name="account_link"),
    path("files/<str:public_id>/account/code/", views.account_link_code, name="account_link_code"),
    path("files/<str:public_id>/notes/", views.note_create, name="note_create"),
    path("files/<str:public_id>/orientation/", views.orientation_run, name="orientation_run"),
    path("audit/", views.audit_log, name="audit_log"),
    path("files/<str:public_id>/documents/<str:document_id>/seen/", views.document_seen, name="document_seen"),
]
