from django.urls import path

from accounts import views

app_name = "accounts"

# Included under desk/ (guichet/urls.py): staff sign in where they work.
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", views.second_factor_check, name="second_factor"),
    path("sign-in/code/new/", views.second_factor_enrol, name="second_factor_enrol"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
