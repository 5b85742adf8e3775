"""The API tests' JSON client (`api_as(user)`), shared with frontdoor/api/tests."""

from frontdoor.api.tests.conftest import anonymous_api, api_as  # noqa: F401
