from django.urls import path

from frontdoor.handovers import views

app_name = "handovers"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:pk>/", views.handover, name="handover"),
    path("<uuid:pk>/accept/", views.accept, name="accept"),
    path("<uuid:pk>/send-back/", views.send_back, name="send-back"),
    path("<uuid:pk>/hand-over-again/", views.resend, name="resend"),
    path("<uuid:pk>/step-up/", views.step_up, name="step-up"),
    path("<uuid:pk>/council-answer/", views.council_answer, name="council-answer"),
]
