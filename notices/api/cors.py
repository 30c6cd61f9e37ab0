"""CORS for the open data: any web page may read it with GET or HEAD, never with credentials.

`Access-Control-Allow-Origin: *` is safe here because every response it goes on is public and the same for
everyone (notices.frozen: no session is read); browsers never send cookies with a `*` response's request.
"""

from functools import wraps

from django.http import HttpResponse

READ_METHODS = "GET, HEAD, OPTIONS"


def open_to_every_origin(view):
    """Decorate a public read-only view: GET and HEAD answers carry the CORS headers, and an OPTIONS
    preflight is answered here (a 204 saying which methods and request headers may be used)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = READ_METHODS
            response["Access-Control-Allow-Methods"] = READ_METHODS
            # Conditional requests, so a script can revalidate with the ETag and get a 304.
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response

    return wrapper
