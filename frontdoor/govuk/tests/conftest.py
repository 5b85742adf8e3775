import pytest

MIDDLEWARE_WITH_DATABASE_PAGE = "frontdoor.govuk.middleware.DatabaseUnavailableMiddleware"


@pytest.fixture
def govuk_urls(settings):
    """The test pages in tests/urls.py, with the 503 middleware installed last."""
    settings.ROOT_URLCONF = "frontdoor.govuk.tests.urls"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE_WITH_DATABASE_PAGE]
    settings.DEBUG = False
    return settings
