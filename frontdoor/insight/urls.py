from django.urls import path

from frontdoor.insight import views

app_name = "insight"

urlpatterns = [
    path("", views.index, name="index"),
    path("front-door/", views.front_door, name="front-door"),
    path(
        "front-door/<slug:slug>/children/",
        views.front_door_children,
        name="front-door-children",
    ),
    path("front-door/<slug:slug>/export/", views.front_door_export, name="front-door-export"),
    path("<slug:slug>/", views.measure, name="measure"),
]
