from django.urls import path

from frontdoor.enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("", views.index, name="index"),
    path("contact/<uuid:pk>/", views.contact, name="contact"),
    path("contact/<uuid:pk>/consent/", views.consent, name="consent"),
    path("contact/<uuid:pk>/consent/authorise/", views.authorise, name="authorise"),
    path("contact/<uuid:pk>/send/", views.send, name="send"),
    path("<uuid:pk>/", views.enquiry, name="enquiry"),
    path("<uuid:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("attachments/<uuid:pk>/", views.attachment, name="attachment"),
    path("information/", views.information, name="information"),
    path("information/<slug:figure>/", views.information_list, name="information-list"),
]
