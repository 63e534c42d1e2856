"""Provider staff's workspace, under /<lang>/desk/applications/ (guichet/urls.py).

An application is addressed by its public id, 22 URL-safe characters
(``people.models.new_public_id``): other words under desk/applications/
(``list/``, the desk's own pages) never reach the application's page.
"""

from django.urls import path, re_path

from applications import provider_views as views

app_name = "provider_applications"

PUBLIC_ID = r"(?P<public_id>[A-Za-z0-9_-]{22})"

urlpatterns = [
    path("", views.home, name="home"),
    path("list/", views.application_list, name="list"),
    path("sessions/<int:session_id>/capacity/", views.session_capacity, name="capacity"),
    re_path(rf"^{PUBLIC_ID}/$", views.application_detail, name="detail"),
    re_path(rf"^{PUBLIC_ID}/move/$", views.application_move, name="move"),
]
