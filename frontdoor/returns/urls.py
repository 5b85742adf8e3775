from django.urls import path

from frontdoor.returns import views

app_name = "returns"

urlpatterns = [
    path("", views.index, name="index"),
    path("census/", views.census_download, name="census"),
    path("annex-a/", views.annex_a_download, name="annex-a"),
    path("before-census-day/", views.quality_page, name="quality"),
]
