"""The person's applications, in their own space: /<lang>/me/applications/… (before people's /me/ routes)."""

from django.urls import path

from applications import self_views as views

app_name = "me_applications"

urlpatterns = [
    path("new/", views.apply, name="apply"),
    path("<str:public_id>/answer/", views.answer, name="answer"),
    path("<str:public_id>/withdraw/", views.withdraw, name="withdraw"),
]
