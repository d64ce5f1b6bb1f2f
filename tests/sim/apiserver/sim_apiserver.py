#!/usr/bin/python3
"""The simulated Kubernetes API server of issue #5: HTTPS on 127.0.0.1, client certificates
signed by the simulation's CA (as minikube's apiserver requires), serving the shared state in
STATE_DIR (written also by the `minikube` double) after letting the simulated controllers act
on it (controllers.py). See tests/sim/README.md.

    sim_apiserver.py --state DIR [--scenario FILE --registry HOST:PORT] [--clock 2021-05-20T10:00:00Z]

With --scenario it first writes DIR/state.json from the scenario, the certificates
(DIR/certs/ca.crt, DIR/profiles/minikube/client.{crt,key}) and DIR/kubeconfig. It prints one
JSON line {"server": URL, "kubeconfig": PATH, "pid": PID} and serves until stdin closes or a
signal arrives."""
import argparse, base64, copy, http.server, json, os, signal, socket, ssl, subprocess, sys, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # tests must not write into the source tree

import api_status  # noqa: E402
import certificates  # noqa: E402
import controllers  # noqa: E402
import create  # noqa: E402
import discovery  # noqa: E402
import jobs  # noqa: E402
import namespaces  # noqa: E402
import objects  # noqa: E402
import openapi  # noqa: E402
import pod_logs  # noqa: E402
import protobuf_body  # noqa: E402
import scale  # noqa: E402
import scenario  # noqa: E402
import selection  # noqa: E402
import sim_state  # noqa: E402
import tables  # noqa: E402
import watch  # noqa: E402

# etcd's compaction interval in kube-apiserver (5 minutes): older continue tokens are gone.
CONTINUE_TTL = 300
TABLE = "as=Table"
status = api_status.status


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sim-apiserver"

    def log_message(self, fmt, *args):
        if self.server.log:
            self.server.log.write("%s %s\n" % (self.command, self.path))
            self.server.log.flush()

    def do_GET(self):
        self.respond("GET")

    def do_POST(self):
        self.respond("POST")

    def do_DELETE(self):
        self.respond("DELETE")

    def do_PUT(self):
        self.respond("PUT")

    def do_PATCH(self):
        self.respond("PATCH")

    def respond(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with sim_state.locked_cached(self.server.state_dir) as (state, _):
            settings = state.get("settings", {})
        faults = settings.get("faults", {})
        if not self.authenticated(settings.get("tokens", {})) or faults.get("unauthorized"):
            # kube-apiserver's answer when no authenticator accepts the request (the 401 fault:
            # a revoked token, a certificate of a recreated cluster).
            code, doc = status(401, "Unauthorized", "Unauthorized")
        elif not apiserver_running(self.server.state_dir):
            # `minikube delete` (or a stopped cluster): the apiserver is gone.
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        elif urllib.parse.urlparse(self.path).path.startswith("/openapi/"):
            code, headers, data = openapi.serve(urllib.parse.urlparse(self.path).path, self.headers.get("Accept"))
            self.send_response(code)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        elif watch.wanted(method, dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))):
            self.serve_watch()
            return
        else:
            with sim_state.locked_cached(self.server.state_dir) as (state, flags):
                flags["dirty"] = method != "GET"
                now = sim_state.now(state)
                # The controllers act once per second of the simulation's clock on an unchanged
                # state: a paged list of a large cluster must not re-run them for every page.
                if self.server.last_reconciled != (flags["key"], now):
                    controllers.reconcile(state, now)
                faults = state["settings"].get("faults", {})
                code, doc = self.fault(faults, method) or route(state, now, method, self.path, body,
                                                                self.headers.get("Accept", ""),
                                                                self.headers.get("Content-Type", ""))
            self.server.last_reconciled = (flags["key_after"], now)
            if faults.get("slow_ms"):
                time.sleep(faults["slow_ms"] / 1000.0)
            if isinstance(doc, tuple) and doc[0] is pod_logs.RAW:
                # pods/log: the kubelet's stream, as text (genericrest.LocationStreamer, ContentType text/plain).
                self.send_response(code)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Cache-Control", "no-cache, private")
                self.send_header("Content-Length", str(len(doc[1])))
                self.end_headers()
                self.wfile.write(doc[1])
                return
            if code == 200 and doc.get("kind", "").endswith("List") and self.dropped(faults.get("drop_mid_list")):
                data = self.encode(doc)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
        data = self.encode(doc)
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def serve_watch(self):
        """A watch (watch.py): the list's selection compared every POLL_SECONDS, changes sent as
        WatchEvents in chunks until timeoutSeconds or until the client goes."""
        url = urllib.parse.urlparse(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        list_path = url.path + "?" + urllib.parse.urlencode(watch.list_query(query))
        seconds = min(float(query.get("timeoutSeconds") or watch.MAX_SECONDS), watch.MAX_SECONDS)
        deadline = time.monotonic() + seconds
        known = None
        started = False
        resource = url.path.rstrip("/").split("/")[-1]
        as_table = TABLE in self.headers.get("Accept", "")
        while True:
            with sim_state.locked_cached(self.server.state_dir) as (state, flags):
                now = sim_state.now(state)
                if self.server.last_reconciled != (flags["key"], now):
                    controllers.reconcile(state, now)
                code, doc = self.fault(state["settings"].get("faults", {}), "GET") or route(
                    state, now, "GET", list_path, b"", "application/json")
                items = doc.get("items", []) if code == 200 else None
                if items is not None:
                    sent, known = watch.events(known, items, query.get("resourceVersion", ""))
                    if as_table:
                        # `kubectl get -w` watches Tables: each event carries a one-row Table.
                        sent = [dict(e, object=tables.table(resource, [e["object"]], now, query.get("includeObject"),
                                                            {"resourceVersion": e["object"]["metadata"].get(
                                                                "resourceVersion", "")}))
                                for e in sent]
            self.server.last_reconciled = (flags["key_after"], now)
            if items is None:
                if known is None:
                    data = self.encode(doc)  # the list itself fails: answered as it would be
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                sent = [{"type": "ERROR", "object": doc}]
            try:
                if not started:
                    started = True
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Cache-Control", "no-cache, private")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                for event in sent:
                    data = json.dumps(event, separators=(",", ":")).encode() + b"\n"
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
                if items is None or time.monotonic() >= deadline:
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    return
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                self.close_connection = True
                return
            time.sleep(watch.POLL_SECONDS)

    def authenticated(self, tokens):
        """kube-apiserver's union of authenticators: the x509 one (a client certificate the
        cluster's own CA signed) or the static token file's (--token-auth-file: a bearer token in
        settings.tokens, token -> user name)."""
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[len("Bearer "):] in tokens:
            return True
        der = self.connection.getpeercert(binary_form=True)
        if not der:
            return False
        return der in self.server.trusted_clients or self.server.verify_client(der)

    def encode(self, doc):
        """JSON as kube-apiserver writes it: compact, but indented for the User-Agents it takes
        for people (curl, Wget, browsers) or with ?pretty=true (apiserver endpoints/handlers/
        negotiation isPrettyPrint; responsewriters writeJSON indents by two spaces)."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))
        agent = self.headers.get("User-Agent", "")
        pretty = query["pretty"].lower() in ("1", "t", "true") if query.get("pretty") else \
            agent.startswith(("curl", "Wget", "Mozilla/5.0"))
        return (json.dumps(doc, indent=2) if pretty else json.dumps(doc, separators=(",", ":"))).encode()

    def dropped(self, drop):
        """The drop_mid_list fault: true for every list, or the resources whose lists are cut off."""
        resource = urllib.parse.urlparse(self.path).path.rstrip("/").split("/")[-1]
        return drop is True or (isinstance(drop, list) and resource in drop)

    def fault(self, faults, method):
        """Fault modes set in state.settings.faults (tests write them): forbidden resources (403
        as RBAC words it for minikube-user), 500 for resources, a slow answer, a cut-off list."""
        path = urllib.parse.urlparse(self.path).path
        resource = path.rstrip("/").split("/")[-1]
        if resource in faults.get("forbidden", []):
            return status(403, "Forbidden", '%s is forbidden: User "minikube-user" cannot %s resource "%s" in API '
                                            'group "" at the cluster scope' % (resource, "list" if method == "GET"
                                                                             else method.lower(), resource),
                          {"kind": resource})
        if resource in faults.get("error_500", []):
            return status(500, "InternalError", "Internal error occurred: etcdserver: request timed out",
                          {"causes": [{"message": "etcdserver: request timed out"}]})
        return None


def apiserver_running(state_dir):
    with sim_state.locked_cached(state_dir) as (state, _):
        profile = state.get("minikube", {}).get("profile")
    return profile is not None and profile.get("apiserver") == "Running"


def route(state, now, method, raw_path, body, accept, content_type=""):
    url = urllib.parse.urlparse(raw_path)
    query = dict(urllib.parse.parse_qsl(url.query))
    parts = [p for p in url.path.split("/") if p]
    if parts == ["version"]:
        return 200, discovery.VERSION
    if parts == ["api"]:
        return 200, discovery.api_versions()
    if parts == ["apis"]:
        return 200, discovery.api_groups()
    if parts[:1] == ["api"] and len(parts) >= 2:
        group, version, rest = "", parts[1], parts[2:]
    elif parts[:1] == ["apis"] and len(parts) == 2:
        doc = discovery.api_group(parts[1])
        return (200, doc) if doc else status(404, "NotFound", "the server could not find the requested resource")
    elif parts[:1] == ["apis"] and len(parts) >= 3:
        group, version, rest = parts[1], parts[2], parts[3:]
    else:
        return status(404, "NotFound", "the server could not find the requested resource")
    if not rest:
        doc = discovery.resource_list(group, version)
        return (200, doc) if doc else status(404, "NotFound", "the server could not find the requested resource")
    namespace = None
    if rest[0] == "namespaces" and len(rest) >= 3:
        namespace, rest = rest[1], rest[2:]
    resource, name = rest[0], (rest[1] if len(rest) > 1 else None)
    found = discovery.lookup(group, version, resource)
    if found is None or len(rest) > 3:
        return status(404, "NotFound", "the server could not find the requested resource")
    kind, namespaced = found
    if group == "" and resource == "pods" and name is not None and rest[2:] == ["log"] and namespace is not None:
        if method != "GET":
            return status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
        return pod_logs.serve(state, now, namespace, name, query)
    if group == "apps" and resource in scale.RESOURCES and name is not None and rest[2:] == ["scale"] and \
            namespace is not None:
        obj = find(state["cluster"].setdefault(resource, []), namespace, name)
        if obj is None:
            return not_found(group, resource, name)
        try:
            doc = json.loads(body) if body else {}
        except ValueError:
            return status(400, "BadRequest", "the body of the request could not be read")
        code, answer = scale.serve(state, method, obj, doc, merge_patch)
        if code == 200 and method != "GET":
            controllers.reconcile(state, now)
        return code, answer
    if len(rest) > 2:
        return status(404, "NotFound", "the server could not find the requested resource")
    if namespace is not None and not namespaced and resource != "namespaces":
        return status(404, "NotFound", "the server could not find the requested resource")
    items = state["cluster"].setdefault(resource, [])
    if method == "GET" and name is None:
        return list_objects(state, now, resource, kind, group, version, items, namespace, query, accept)
    if method == "GET":
        obj = find(items, namespace, name)
        if obj is None:
            return not_found(group, resource, name)
        if TABLE in accept:
            return 200, tables.table(resource, [obj], now, query.get("includeObject"), {})
        return 200, obj
    if method == "DELETE" and name is not None:
        obj = find(items, namespace, name)
        if obj is None:
            return not_found(group, resource, name)
        if resource == "namespaces":
            # The registry marks it Terminating; the namespace controller (namespaces.py) empties
            # and removes it.
            code, doc = namespaces.delete(state, now, obj)
            if code == 200:
                controllers.reconcile(state, now)
            return code, doc
        items.remove(obj)
        if delete_options(body, query).get("propagationPolicy") == "Orphan":
            # The garbage collector's orphan finalizer: the dependents lose their owner reference.
            uid = obj["metadata"]["uid"]
            for others in state["cluster"].values():
                for o in others:
                    refs = o.get("metadata", {}).get("ownerReferences")
                    if refs and any(r.get("uid") == uid for r in refs):
                        o["metadata"]["ownerReferences"] = [r for r in refs if r.get("uid") != uid]
                        if not o["metadata"]["ownerReferences"]:
                            del o["metadata"]["ownerReferences"]
        controllers.reconcile(state, now)  # the garbage collector takes what the object owned
        return 200, obj
    if method == "PATCH" and name is not None:
        obj = find(items, namespace, name)
        if obj is None:
            return not_found(group, resource, name)
        # JSON merge patch (RFC 7386): a patched list replaces the list. A strategic merge patch
        # (kubectl apply, set image, label...: application/strategic-merge-patch+json) merges the
        # same way except for the lists core/v1 gives a merge key (containers and volumes by name,
        # container ports by containerPort...: STRATEGIC_KEYS), whose items merge by that key.
        spec, annotations = copy.deepcopy(obj.get("spec")), copy.deepcopy(obj["metadata"].get("annotations"))
        media = content_type.split(";")[0].strip()
        patch = json.loads(body or b"{}")
        if isinstance(patch, list):
            problem = json_patch(obj, patch)  # RFC 6902 (kubectl rollout undo, patch --type json)
            if problem:
                return status(422, "Invalid", problem)
        else:
            merge_patch(obj, patch, media == "application/strategic-merge-patch+json")
        if obj.get("kind") in create.GENERATION_KINDS:
            # Defaulting runs on every write: what the patch left out of the template is filled in.
            jobs.template_defaults(obj.setdefault("spec", {}).setdefault("template", {}))
        if obj.get("kind") in create.GENERATION_KINDS and (obj.get("spec") != spec or (
                obj["kind"] == "Deployment" and obj["metadata"].get("annotations") != annotations)):
            # The apps/v1 and batch strategies' PrepareForUpdate: a spec change (and, for a
            # Deployment, an annotation change, as annotations are copied to its ReplicaSets)
            # moves metadata.generation, which the controllers' observedGeneration then follows.
            obj["metadata"]["generation"] = obj["metadata"].get("generation", 1) + 1
        obj["metadata"]["resourceVersion"] = objects.next_version(state)
        answer = copy.deepcopy(obj)
        controllers.reconcile(state, now)  # the controllers see the change, as for a create
        return 200, answer
    if method == "POST" and name is None:
        media = content_type.split(";")[0].strip()
        try:
            if media == "application/vnd.kubernetes.protobuf":
                doc = protobuf_body.decode(body)  # kubectl 1.32's typed `kubectl create namespace|job|...`
            elif media in ("", "application/json"):
                doc = json.loads(body or b"{}")
            else:
                raise protobuf_body.Unreadable(media)
        except protobuf_body.Unreadable:
            # What the apiserver answers a body it has no serializer for (NegotiateInputSerializer);
            # here also a protobuf body with fields this server does not read (protobuf_body.py).
            return status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                                                       "accepted media types include: application/json, "
                                                       "application/vnd.kubernetes.protobuf")
        return create.create(state, now, group, version, resource, kind, namespaced, namespace, doc)
    return status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")


def delete_options(body, query):
    """meta/v1 DeleteOptions from the body kubectl sends (JSON), or the query parameters."""
    try:
        options = json.loads(body) if body else {}
    except ValueError:
        options = {}
    if not isinstance(options, dict):
        options = {}
    if query.get("propagationPolicy"):
        options["propagationPolicy"] = query["propagationPolicy"]
    return options


# Lists with a patchMergeKey in k8s.io/api core/v1 types.go (patchStrategy "merge"), as kubectl's
# strategic merge patches address them; "ports" is a container's (containerPort) or a Service's (port).
STRATEGIC_KEYS = {"containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
                  "env": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath",
                  "imagePullSecrets": "name", "hostAliases": "ip", "ports": ("containerPort", "port")}


def merge_patch(target, patch, strategic=False):
    for key, value in patch.items():
        if key.startswith("$"):
            continue  # strategic-merge directives ($patch, $retainKeys, $setElementOrder/...)
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge_patch(target[key], value, strategic)
        elif strategic and key in STRATEGIC_KEYS and isinstance(value, list) and isinstance(target.get(key), list):
            target[key] = merge_list(target[key], value, STRATEGIC_KEYS[key], patch.get("$setElementOrder/" + key))
        else:
            target[key] = value


def json_patch(target, operations):
    """RFC 6902 add, replace, remove and test (what kubectl sends as application/json-patch+json);
    returns an error text, or None."""
    for op in operations:
        path = [p.replace("~1", "/").replace("~0", "~") for p in op.get("path", "").split("/")[1:]]
        parent = target
        for part in path[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent.setdefault(part, {})
        last = path[-1] if path else ""
        kind = op.get("op")
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if kind == "add":
                parent.insert(index, op.get("value"))
            elif kind == "replace":
                parent[index] = op.get("value")
            elif kind == "remove":
                del parent[index]
            elif kind == "test" and parent[index] != op.get("value"):
                return "the test operation at %s failed" % op.get("path")
        elif kind in ("add", "replace"):
            parent[last] = op.get("value")
        elif kind == "remove":
            if last not in parent:
                return "the server rejected our request due to an error in our request"
            del parent[last]
        elif kind == "test" and parent.get(last) != op.get("value"):
            return "the test operation at %s failed" % op.get("path")
    return None


def merge_list(items, patch, merge_key, order):
    """Strategic merge of a list of objects by its merge key: patched items merge into the item
    with the same key (`$patch: delete` removes it), new ones are appended; `$setElementOrder`
    gives the order."""
    keys = merge_key if isinstance(merge_key, tuple) else (merge_key,)
    field = next((k for k in keys if any(isinstance(i, dict) and k in i for i in items + patch)), keys[0])
    result = [copy.deepcopy(i) for i in items]
    for change in patch:
        if not isinstance(change, dict) or field not in change:
            result.append(change)
            continue
        current = next((i for i in result if isinstance(i, dict) and i.get(field) == change[field]), None)
        if change.get("$patch") == "delete":
            if current is not None:
                result.remove(current)
        elif current is None:
            result.append({k: v for k, v in change.items() if not k.startswith("$")})
        else:
            merge_patch(current, change, True)
    if order:
        wanted = [o.get(field) for o in order if isinstance(o, dict)]
        result.sort(key=lambda i: wanted.index(i.get(field)) if isinstance(i, dict) and i.get(field) in wanted
                    else len(wanted))
    return result


not_found = api_status.not_found


def find(items, namespace, name):
    for o in items:
        if o["metadata"]["name"] == name and (namespace is None or o["metadata"].get("namespace") == namespace):
            return o
    return None


# The last lists selected and sorted, for the next pages of the same list: etcd reads a page as a
# range from the continue key, so a page costs the server its own items, not the whole list's
# (re-sorting 20,000 events for each of 41 pages made paging cost the simulation 3 times a whole
# list). Keyed by the items list itself and the resourceVersion every write moves.
_SELECTIONS = {}


def select(state, items, namespace, query):
    key = (id(items), len(items), state["sim"].get("resource_version", 1000), namespace,
           query.get("labelSelector"), query.get("fieldSelector"))
    cached = _SELECTIONS.get(key)
    if cached is not None and cached[0] is items:
        return cached[1]
    selected = [o for o in items if namespace is None or o["metadata"].get("namespace") == namespace]
    labels = selection.label_matcher(query.get("labelSelector"))
    fields = selection.field_matcher(query.get("fieldSelector"))
    selected = [o for o in selected if labels(o) and fields(o)]
    selected.sort(key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))
    if len(_SELECTIONS) >= 16:
        _SELECTIONS.clear()
    _SELECTIONS[key] = (items, selected)  # the reference keeps id(items) from being reused
    return selected


def list_objects(state, now, resource, kind, group, version, items, namespace, query, accept):
    selected = select(state, items, namespace, query)
    version_now = state["sim"].get("resource_version", 1000)
    faults = state["settings"].get("faults", {})
    start = 0
    if query.get("continue"):
        try:
            token = json.loads(base64.urlsafe_b64decode(query["continue"].encode()))
            start, issued = int(token["start"]), sim_state.parse_time(token["issued"])
        except (ValueError, KeyError, TypeError):
            return status(400, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion "
                                             "(version meta.k8s.io/v1)")
        if int(token.get("rv", version_now)) < state["sim"].get("compacted_rv", 0):
            # etcd compacted the revision the list was being read at (apiserver storage/etcd3
            # errors.go handleCompactedErrorForPaging): 410 with a token for the rest of the list
            # at the latest revision, which a client wanting a consistent list does not use.
            code, doc = status(410, "Expired", INCONSISTENT_CONTINUE)
            doc["metadata"]["continue"] = continue_token(start, now, version_now)
            return code, doc
        if (now - issued).total_seconds() > CONTINUE_TTL:
            return status(410, "Expired", "The provided continue parameter is too old to display a consistent list "
                                          "result. You can start a new list without the continue parameter.")
    limit = int(query.get("limit") or 0)
    if limit and faults.get("max_page"):
        # A server may return fewer items than the limit asks (metav1.ListOptions.Limit): the
        # fault makes a small scenario page as a large cluster does.
        limit = min(limit, int(faults["max_page"]))
    meta = {"resourceVersion": str(version_now)}
    page = selected[start:start + limit] if limit else selected[start:]
    if limit and len(selected) - start > limit:
        issued = query.get("continue") and json.loads(base64.urlsafe_b64decode(query["continue"].encode()))["issued"]
        meta["continue"] = continue_token(start + limit, sim_state.parse_time(issued) if issued else now, version_now)
        meta["remainingItemCount"] = len(selected) - start - limit
        change = faults.get("between_pages")
        if change and not query.get("continue") and change.get("list", resource) == resource:
            change_between_pages(state, faults)
    if TABLE in accept:
        return 200, tables.table(resource, page, now, query.get("includeObject"), meta)
    gv = "%s/%s" % (group, version) if group else version
    return 200, {"kind": kind + "List", "apiVersion": gv, "metadata": meta, "items": page}


INCONSISTENT_CONTINUE = ("The provided continue parameter is too old to display a consistent list result. You can "
                         "start a new list without the continue parameter, or use the continue token in this "
                         "response to retrieve the remainder of the results. Continuing with the provided token "
                         "results in an inconsistent list - objects that were created, modified, or deleted between "
                         "the time the first chunk was returned and now may show up in the list.")


def continue_token(start, issued, version):
    return base64.urlsafe_b64encode(json.dumps(
        {"start": start, "issued": sim_state.format_time(issued), "rv": version}).encode()).decode()


def change_between_pages(state, faults):
    """The between_pages fault, once: right after a first page went out (of the resource named by
    "list", else of any list), the objects it names ({"delete": [{"resource", "namespace",
    "name"}]}) go, and etcd compacts past the revision the list was read at, so the list's
    continue token answers 410."""
    change = faults.pop("between_pages")
    for gone in change.get("delete", []):
        items = state["cluster"].get(gone["resource"], [])
        items[:] = [o for o in items if not (o["metadata"]["name"] == gone["name"] and
                                             o["metadata"].get("namespace") == gone.get("namespace"))]
    state["sim"]["compacted_rv"] = int(objects.next_version(state))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--state", required=True)
    parser.add_argument("--scenario")
    parser.add_argument("--registry", help="host:port of the tests' local registry")
    parser.add_argument("--clock", help="a fixed RFC 3339 instant, for golden output")
    parser.add_argument("--log", help="append each request line to this file")
    parser.add_argument("--init-only", action="store_true", help="write the state from --scenario and exit")
    args = parser.parse_args()
    os.makedirs(args.state, exist_ok=True)
    if args.scenario:
        clock = args.clock
        now = sim_state.parse_time(clock) if clock else sim_state.now({})
        sim_state.save(args.state, scenario.load(args.scenario, args.registry, clock, now))
    if args.init_only:
        return
    paths = certificates.ensure(args.state)
    stale = certificates.ensure_stale(args.state)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(paths["server_crt"], paths["server_key"])
    context.load_verify_locations(paths["ca_crt"])
    # The stale CA passes the handshake so that its certificates reach the authenticator (below),
    # which accepts only the cluster's CA. Optional, so that a request without a certificate gets
    # kube-apiserver's 401 rather than a failed handshake.
    context.load_verify_locations(stale["ca_crt"])
    context.verify_mode = ssl.CERT_OPTIONAL

    def server_name(_socket, name, _context):
        # The TLS server name a client sent (SNI), for tests of tls-server-name; an IP address
        # is never sent as one.
        if name and server.log:
            server.log.write("SNI %s\n" % name)
            server.log.flush()

    context.sni_callback = server_name
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.state_dir = args.state
    server.trusted_clients = set()

    def verify_client(der):
        # openssl verify against the cluster CA alone; remembered, as it costs a process.
        pem = ssl.DER_cert_to_PEM_cert(der)
        ok = subprocess.run(["openssl", "verify", "-CAfile", paths["ca_crt"]], input=pem.encode(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        if ok:
            server.trusted_clients.add(der)
        return ok

    server.verify_client = verify_client
    server.last_reconciled = None
    server.log = open(args.log, "a") if args.log else None
    url = "https://127.0.0.1:%d" % server.server_address[1]
    certificates.write_kubeconfig(args.state, url, paths)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"server": url, "kubeconfig": os.path.join(args.state, "kubeconfig"), "pid": os.getpid()}),
          flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.buffer.read()
    except KeyboardInterrupt:
        pass
    server.shutdown()


if __name__ == "__main__":
    main()
