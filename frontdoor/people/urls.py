from django.urls import path

from frontdoor.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("<uuid:pk>/", views.child, name="child"),
]
