from django.urls import path

from orientation import views

app_name = "orientation"

urlpatterns = [path("", views.start, name="start")]
