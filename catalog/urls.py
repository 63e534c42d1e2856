from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("trades/", views.trade_list, name="trade_list"),
    path("trades/<slug:slug>/", views.trade_detail, name="trade_detail"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("desks/", views.desk_list, name="desk_list"),
    path("desks/<slug:slug>/", views.desk_detail, name="desk_detail"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/<slug:slug>/", views.provider_detail, name="provider_detail"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
]
