from django.urls import path

from frontdoor.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/<uuid:pk>/", views.search_results, name="search-results"),
    path("<uuid:pk>/", views.child, name="child"),
]
