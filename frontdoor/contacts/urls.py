from django.urls import path

from frontdoor.contacts import views

app_name = "contacts"

urlpatterns = [
    path("new/", views.new_contact, name="new"),
    path("new/<uuid:draft>/<slug:step>/", views.draft_step, name="draft-step"),
    path("queues/screening/", views.screening_queue, name="screening-queue"),
    path("queues/<slug:slug>/", views.queue, name="queue"),
    path("queues/<slug:slug>/claim-next/", views.claim_next, name="claim-next"),
    path("hubs/", views.hubs, name="hubs"),
    path("find/", views.find_contact, name="find"),
    path("<uuid:pk>/", views.family, name="family"),
    path("<uuid:pk>/send-to-hub/", views.send_to_hub, name="send-to-hub"),
    path("<uuid:pk>/claim/", views.claim, name="claim"),
    path("<uuid:pk>/release/", views.release, name="release"),
    path("child/<uuid:pk>/link/", views.link_child, name="link"),
    path("child/<uuid:pk>/screening/", views.screen, name="screen"),
    path("child/<uuid:pk>/analysis/", views.analyse, name="analyse"),
    path("child/<uuid:pk>/decision/", views.decide, name="decide"),
    path("child/<uuid:pk>/return-to-hub/", views.return_to_hub, name="return-to-hub"),
]
