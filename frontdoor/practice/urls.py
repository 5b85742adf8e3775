from django.urls import path

from frontdoor.practice import views

app_name = "practice"

urlpatterns = [
    path("<uuid:pk>/", views.analysis, name="analysis"),
    path("<uuid:pk>/add/", views.extend, name="extend"),
    path("entries/<uuid:pk>/no-longer-applies/", views.withdraw, name="withdraw"),
]
