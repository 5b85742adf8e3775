from django.urls import path

from frontdoor.oversight import views

app_name = "supervision"

urlpatterns = [
    path("", views.for_me, name="for-me"),
    path("due/", views.due, name="due"),
    path("challenges/counts/", views.counts, name="counts"),
    path("challenges/<uuid:pk>/", views.respond, name="respond"),
    path("actions/<uuid:pk>/", views.complete_action, name="complete-action"),
    path("children/<uuid:person>/", views.child, name="child"),
    path("children/<uuid:person>/record/", views.record, name="record"),
]
