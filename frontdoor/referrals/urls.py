from django.urls import path

from frontdoor.referrals import views

app_name = "referrals"

urlpatterns = [
    path("<uuid:pk>/close/", views.close_episode, name="close-episode"),
]
