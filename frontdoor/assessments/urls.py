from django.urls import path

from frontdoor.assessments import views

app_name = "assessments"

urlpatterns = [
    path("caseloads/", views.caseload, name="caseloads"),
    path("<uuid:pk>/", views.assessment, name="assessment"),
    path("<uuid:pk>/authorise/", views.authorise, name="authorise"),
]
