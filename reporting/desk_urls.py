"""The staff reports page, under /<lang>/desk/ (its XLSX and PDF faces sit beside it: reports.xlsx, reports.pdf)."""

from django.urls import path

from reporting import desk_views

app_name = "reporting_desk"

urlpatterns = [
    path("reports/", desk_views.reports, name="reports"),
]
