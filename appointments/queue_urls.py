"""The walk-in queue: the kiosk and the console (counsellors of the desk), the now-serving screen (public)."""

from django.urls import path

from appointments import queue_views as views

app_name = "queue"

urlpatterns = [
    path("desk/kiosk/", views.kiosk, name="kiosk"),
    path("desk/kiosk/tickets/<str:public_id>/", views.kiosk_ticket, name="kiosk_ticket"),
    path("desk/queue/", views.console, name="console"),
    path("desk/queue/call/", views.call_next, name="call_next"),
    path("desk/queue/tickets/<str:public_id>/recall/", views.recall, name="recall"),
    path("desk/queue/tickets/<str:public_id>/no-answer/", views.no_answer, name="no_answer"),
    path("desk/queue/tickets/<str:public_id>/serve/", views.serve, name="serve"),
    path("desk/queue/tickets/<str:public_id>/done/", views.done, name="done"),
    path("desk/queue/tickets/<str:public_id>/attach/", views.attach, name="attach"),
    path("desks/<slug:slug>/now-serving/", views.now_serving, name="now_serving"),
]
