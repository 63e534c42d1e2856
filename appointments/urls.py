"""The desk's day, public side: free times, booking with a code, the manage link, the now-serving screen."""

from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("desks/<slug:slug>/appointments/<slug:reason>/", views.free_times, name="free_times"),
    path("appointments/manage/<str:token>/", views.manage, name="manage"),
]
