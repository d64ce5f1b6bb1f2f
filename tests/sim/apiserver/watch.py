"""`?watch=true` on a list path, enough for kubectl 1.20's waits (`kubectl delete` waiting for an
object to go, `kubectl rollout status`, `kubectl wait`, `kubectl get -w`): a stream of meta/v1
WatchEvent JSON objects ({"type": ADDED|MODIFIED|DELETED, "object": ...}, one per line, chunked, as
k8s.io/apiserver pkg/endpoints/handlers/watch.go writes them).

The simulation keeps no history of revisions, so a watch compares what the list selects, every
POLL_SECONDS, with what it last sent (the controllers run first, as for any request): an object
that appeared is ADDED, one whose resourceVersion moved MODIFIED, one that went DELETED (with its
last state). A watch from resourceVersion N starts with MODIFIED for the selected objects changed
after N (whether each was created or changed after N is not known); one without, or from "0",
with ADDED for every selected object. It ends after timeoutSeconds (at most 30 minutes,
kube-apiserver's --min-request-timeout) or when the client goes. No BOOKMARK events."""
import copy

POLL_SECONDS = 0.2
MAX_SECONDS = 1800
# What a list request must not see of the watch's parameters.
WATCH_PARAMETERS = ("watch", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "allowWatchBookmarks",
                    "limit", "continue")


def wanted(method, query):
    return method == "GET" and query.get("watch", "").lower() in ("1", "true")


def list_query(query):
    return {k: v for k, v in query.items() if k not in WATCH_PARAMETERS}


def key(obj):
    return obj["metadata"].get("namespace", ""), obj["metadata"]["name"], obj["metadata"].get("uid", "")


def version(obj):
    try:
        return int(obj["metadata"].get("resourceVersion", "0"))
    except ValueError:
        return 0


def events(known, items, since):
    """(events, known): known maps each selected object's key to (resourceVersion, copy)."""
    out, current = [], {}
    for obj in items:
        k = key(obj)
        previous = (known or {}).get(k)
        rv = obj["metadata"].get("resourceVersion")
        if previous is not None and previous[0] == rv:
            current[k] = previous
            continue
        snapshot = copy.deepcopy(obj)
        current[k] = (rv, snapshot)
        if known is None:
            if since in ("", "0"):
                out.append({"type": "ADDED", "object": snapshot})
            elif version(obj) > (int(since) if since.isdigit() else 0):
                out.append({"type": "MODIFIED", "object": snapshot})
        else:
            out.append({"type": "MODIFIED" if previous is not None else "ADDED", "object": snapshot})
    for k, (_, snapshot) in (known or {}).items():
        if k not in current:
            out.append({"type": "DELETED", "object": snapshot})
    return out, current
