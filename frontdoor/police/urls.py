from django.urls import path

from frontdoor.police import views

app_name = "police"

urlpatterns = [
    path("", views.triage, name="triage"),
    path("upload/", views.upload, name="upload"),
    path("batches/", views.batches, name="batches"),
    path("batches/<uuid:pk>/", views.batch, name="batch"),
    path("notifications/<uuid:pk>/", views.notification, name="notification"),
    path("notifications/<uuid:pk>/quality/", views.rate, name="rate"),
    path("matches/", views.review_list, name="review-list"),
    path("matches/<uuid:contact>/", views.review, name="review"),
    path("quality/", views.quality, name="quality"),
    path("quality/notifications/", views.quality_list, name="quality-list"),
    path("volume/", views.volume, name="volume"),
    path("volume/<str:week>/", views.volume_week, name="volume-week"),
]
