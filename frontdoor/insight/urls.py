from django.urls import path

from frontdoor.insight import views

app_name = "insight"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.measure, name="measure"),
]
