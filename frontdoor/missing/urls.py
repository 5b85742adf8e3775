from django.urls import path

from frontdoor.missing import views

app_name = "missing"

urlpatterns = [
    path("", views.now_missing, name="now"),
    path("queue/", views.queue, name="queue"),
    path("report/", views.find_child, name="report"),
    path("children/<uuid:person>/", views.child_history, name="child"),
    path("children/<uuid:person>/report/", views.report_child, name="report-child"),
    path("episodes/<uuid:pk>/", views.episode, name="episode"),
    path("episodes/<uuid:pk>/link/", views.link, name="link"),
    path("episodes/<uuid:pk>/police-report/", views.police_report, name="police-report"),
    path("episodes/<uuid:pk>/return/", views.record_return, name="return"),
    path("episodes/<uuid:pk>/attempts/", views.log_attempt, name="attempt"),
    path("episodes/<uuid:pk>/offer/", views.offer, name="offer"),
    path("episodes/<uuid:pk>/answer/", views.answer, name="answer"),
    path("episodes/<uuid:pk>/interview/", views.complete, name="complete"),
    path("episodes/<uuid:pk>/siblings/", views.siblings, name="siblings"),
    path("episodes/<uuid:pk>/risk-review/", views.review, name="review"),
    path("repeat/", views.repeat_list, name="repeat"),
    path("repeat/<uuid:pk>/", views.repeat_decision, name="repeat-decision"),
    path("information/", views.information, name="information"),
    path(
        "information/<slug:figure>/<str:month>/",
        views.information_children,
        name="information-children",
    ),
]
