from django.urls import path

from frontdoor.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:pk>/", views.discussion, name="discussion"),
    path("<uuid:pk>/circulate/", views.circulate, name="circulate"),
    path("section-47/<uuid:pk>/conference/", views.conference, name="conference"),
    path("plans/<uuid:pk>/review/", views.plan_review, name="plan-review"),
]
