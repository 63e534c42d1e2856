"""/<lang>/desk/imports/: providers' imports of their programmes and sessions (guichet/urls.py)."""

from django.urls import path

from content import import_views as views

app_name = "imports"

urlpatterns = [
    path("imports/", views.upload, name="upload"),
    path("imports/confirm/", views.confirm, name="confirm"),
    path("imports/template.xlsx", views.template, name="template"),
]
