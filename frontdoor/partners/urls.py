from django.urls import path

from frontdoor.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("requests/", views.requests, name="requests"),
    path("requests/<uuid:pk>/", views.request_page, name="request"),
    path("referrals/", views.referrals, name="referrals"),
    path("referrals/new/", views.new_referral, name="new-referral"),
    path("referrals/new/<uuid:draft>/<slug:step>/", views.referral_step, name="referral-step"),
    path("referrals/<uuid:pk>/", views.referral, name="referral"),
    path("feedback/", views.feedback_queue, name="feedback-queue"),
    path("feedback/<uuid:pk>/", views.feedback, name="feedback"),
]
