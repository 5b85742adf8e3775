"""Importing history from other systems. Thin: read the file, call the import, show the result."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.history.actions import import_history
from frontdoor.history.forms import ImportForm
from frontdoor.history.rows import FileProblem, read_csv


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    require(request.user, "import_history")
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        try:
            rows = read_csv(upload.read(), kind)
        except FileProblem as exc:
            form.add_error("file", str(exc.problem))
        else:
            result = import_history(
                by=signed_in_user(request), kind=kind, rows=rows, source=upload.name[:200]
            )
            return render(
                request, "history/imported.html", {"result": result, "file_name": upload.name}
            )
    return render(
        request, "history/upload.html", {"form": form}, status=400 if form.errors else 200
    )
