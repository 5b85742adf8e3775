from django.urls import path

from frontdoor.visits import views

app_name = "visits"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("overdue/", views.overdue, name="overdue"),
    path("teams/<slug:slug>/", views.team, name="team"),
    path("<uuid:pk>/", views.allocation, name="allocation"),
    path("<uuid:pk>/visit/", views.record_visit, name="record-visit"),
]
