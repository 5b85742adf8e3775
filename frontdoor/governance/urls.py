from django.urls import path

from frontdoor.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("child-views/", views.child_views, name="child-views"),
    path("child-views/<uuid:person>/", views.child_views_of, name="child-views-of"),
    path("user-activity/", views.user_activity, name="user-activity"),
    path("export/", views.export, name="export"),
    path("break-glass/", views.break_glass_log, name="break-glass-log"),
    path("break-glass/<uuid:pk>/", views.break_glass, name="break-glass"),
    path("restricted-records/", views.restricted_records, name="restricted-records"),
]
