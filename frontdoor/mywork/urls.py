from django.urls import path

from frontdoor.mywork import views

app_name = "mywork"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("team/", views.team, name="team"),
]
