"""Public pages of reporting and open data: /<lang>/open-data/, /<lang>/calendar/sessions.ics."""

from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("open-data/", views.open_data, name="open_data"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("calendar/sessions.ics", views.sessions_calendar, name="sessions_calendar"),
]
