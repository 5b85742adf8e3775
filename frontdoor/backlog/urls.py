from django.urls import path

from frontdoor.backlog import review_views, views

app_name = "oversight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("backlog/", views.backlog, name="backlog"),
    path("urgent-reviews/", review_views.index, name="urgent-reviews"),
    path("urgent-reviews/new/", review_views.start, name="start-urgent-review"),
    path("urgent-reviews/<uuid:pk>/", review_views.detail, name="urgent-review"),
    path("reviews/", review_views.mine, name="my-reviews"),
    path("reviews/<uuid:pk>/", review_views.record, name="record-review"),
]
