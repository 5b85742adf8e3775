from django.urls import path

from frontdoor.history import views

app_name = "history"

urlpatterns = [
    path("import/", views.upload, name="import"),
]
