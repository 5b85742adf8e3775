from django.urls import path

from frontdoor.integration import views

app_name = "integration"

urlpatterns = [
    path("", views.webhooks, name="webhooks"),
    path("<int:pk>/", views.subscription, name="subscription"),
    path("<int:pk>/replay/", views.replay, name="replay"),
    path("<int:pk>/replay-dead-letters/", views.replay_dead_letters, name="replay-dead-letters"),
]
