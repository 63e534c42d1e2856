from django.urls import path

from orientation import views

app_name = "orientation"

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:slug>/", views.step, name="step"),
    path("restart/", views.restart, name="restart"),
    path("results/", views.results, name="results"),
    path("results/save/", views.results_save, name="results_save"),
    path("sheet.pdf", views.sheet, name="sheet"),
]
