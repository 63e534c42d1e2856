"""Applications, the counsellor's side (under /<lang>/desk/): apply from a file, one application with its log,
withdraw it or answer an offer for the person, and every application of the desk's people."""

from django.urls import path

from applications import desk_views

app_name = "desk_applications"

urlpatterns = [
    path("applications/mine/", desk_views.desk_list, name="list"),
    path("applications/mine/digest/", desk_views.digest, name="digest"),
    path("files/<str:public_id>/applications/", desk_views.apply, name="apply"),
    path("files/<str:public_id>/applications/<str:application_id>/", desk_views.detail, name="detail"),
    path("files/<str:public_id>/applications/<str:application_id>/move/", desk_views.move, name="move"),
]
