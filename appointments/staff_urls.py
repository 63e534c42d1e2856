"""The desk's day, counsellor's side (under /<lang>/desk/): the day's appointments, one appointment, booking
from a file or for a walk-in, their availability and calendar address."""

from django.urls import path

from appointments import staff_views

app_name = "desk_appointments"

urlpatterns = [
    path("appointments/", staff_views.day, name="day"),
    path("appointments/walk-in/", staff_views.walk_in, name="walk_in"),
    path("appointments/<str:public_id>/", staff_views.detail, name="detail"),
    path("appointments/<str:public_id>/move/", staff_views.move, name="move"),
    path("appointments/<str:public_id>/cancel/", staff_views.cancel, name="cancel"),
    path("appointments/<str:public_id>/outcome/", staff_views.outcome, name="outcome"),
    path("files/<str:public_id>/appointments/", staff_views.file_book, name="file_book"),
    path("availability/", staff_views.availability, name="availability"),
]
