from django.urls import path

from frontdoor.casework_audits import grading_views, views

app_name = "casework_audits"

urlpatterns = [
    path("", views.index, name="index"),
    path("sample/", views.sample, name="sample"),
    path("summary/", views.summary, name="summary"),
    path("rounds/<uuid:pk>/", views.round_detail, name="round"),
    path("cases/<uuid:pk>/", views.audit_detail, name="audit"),
    path("cases/<uuid:pk>/moderate/", views.moderate, name="moderate"),
    path("cases/<uuid:pk>/actions/", views.add_action, name="add-action"),
    path("cases/<uuid:pk>/grade/", grading_views.grade, name="grade"),
    path("cases/<uuid:pk>/case/", grading_views.case, name="case"),
    path("mine/", grading_views.mine, name="mine"),
    path("actions/", grading_views.action_list, name="actions"),
    path("actions/<uuid:pk>/", grading_views.complete_action, name="complete-action"),
]
