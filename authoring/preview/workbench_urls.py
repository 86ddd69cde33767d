"""The workbench's routes (handlers, block resources, its JavaScript runtime) under ``/_xblock/``."""

from django.contrib.staticfiles.views import serve
from django.urls import include, path, re_path


def _static(request, path):
    return serve(request, path, insecure=True)


urlpatterns = [
    re_path(r"^_xblock/static/(?P<path>.*)$", _static),
    path("_xblock/", include("workbench.urls")),
]
