from django.urls import path

from frontdoor.matching import views as duplicates
from frontdoor.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/<uuid:pk>/", views.search_results, name="search-results"),
    path("duplicates/", duplicates.queue, name="duplicates"),
    path("duplicates/<uuid:pk>/", duplicates.review, name="duplicate-pair"),
    path("duplicates/merges/<uuid:pk>/undo/", duplicates.undo, name="undo-merge"),
    path("<uuid:pk>/", views.child, name="child"),
    path("<uuid:pk>/characteristics/", views.characteristics, name="characteristics"),
    path("<uuid:pk>/school-and-gp/", views.school_and_gp, name="school-and-gp"),
    # An adult named in a contact, by the child's contact (a UUID, as every record about a
    # child is) and their place among the contact's adults.
    path("contacts/<uuid:contact_id>/adults/<int:position>/", views.adult, name="adult"),
    path(
        "contacts/<uuid:contact_id>/adults/<int:position>/unlink/",
        views.unlink,
        name="adult-unlink",
    ),
    path("<uuid:pk>/chronology/", views.chronology_page, name="chronology"),
    path("<uuid:pk>/chronology/print/", views.chronology_print, name="chronology-print"),
]
