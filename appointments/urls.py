"""The desk's day, public side: free times, booking with a code, the manage link."""

from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("desks/<slug:slug>/appointments/<slug:reason>/", views.free_times, name="free_times"),
    path("appointments/confirm/", views.confirm, name="confirm"),
    path("appointments/confirm/code/", views.confirm_code, name="confirm_code"),
    path("appointments/booked/", views.booked, name="booked"),
    path("appointments/manage/<str:token>/", views.manage, name="manage"),
    path("appointments/manage/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("appointments/manage/<str:token>/move/", views.manage_move, name="manage_move"),
    path("appointments/manage/<str:token>/appointment.ics", views.manage_ics, name="manage_ics"),
]
