from django.urls import path

from frontdoor.access import views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("health/", views.health, name="health"),
]
