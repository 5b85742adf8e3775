from django.urls import path

from frontdoor.guardrails import views

app_name = "guardrails"

urlpatterns = [
    path(
        "contacts/<uuid:pk>/indicators/",
        views.record_indicators,
        name="record-indicators",
    ),
    path("second-reviews/", views.second_reviews, name="second-reviews"),
    path("second-reviews/<uuid:pk>/", views.second_review, name="second-review"),
]
