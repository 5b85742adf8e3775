from django.urls import path

from frontdoor.integration import views

app_name = "integration"

urlpatterns = [
    path("", views.webhooks, name="webhooks"),
    path("new/", views.new_subscription, name="new"),
    path("<int:pk>/", views.subscription, name="subscription"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/replay/", views.replay, name="replay"),
    path("<int:pk>/replay-dead-letters/", views.replay_dead_letters, name="replay-dead-letters"),
]
