"""A URL configuration with no sign-out URL: base.html must still render."""

from django.urls import path

from . import pages

urlpatterns = [path("", pages.placeholder, name="home")]
