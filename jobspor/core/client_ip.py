"""The address a request came from, behind a reverse proxy too (login throttling counts failures per address).

Behind nginx every request's REMOTE_ADDR is the proxy's own: counted that way, 50 failed logins from anywhere would
lock the whole jobcentre out. With JOBSPOR_PROXY_COUNT=N (the number of proxies in front of gunicorn that append to
X-Forwarded-For) the client is the N-th address from the right of that header — the one the outermost proxy of
ours saw; addresses further left are the client's own claims and are never trusted."""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "JOBSPOR_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < count:
        return remote  # not through all our proxies: only what the socket says is certain
    return forwarded[-count]
