"""/<lang>/feedback/: the answer of the form at the end of public pages, and its thank-you page."""

from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/thanks/", views.thanks, name="thanks"),
]
