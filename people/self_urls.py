from django.urls import path

from people import self_views as views

app_name = "me"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.code, name="code"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/code/", views.sign_up_code, name="sign_up_code"),
    path("correct/", views.correct, name="correct"),
    path("data.json", views.download, name="download"),
    path("data.pdf", views.download_pdf, name="download_pdf"),
    path("consents/<str:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("delete/", views.delete, name="delete"),
]
