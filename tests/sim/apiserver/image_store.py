"""The nodes' image stores (state.nodes[].images, one per machine: minikube, minikube-m02...)
and pulls into them, as the kubelet's runtime on Kubernetes v1.20 does: dockershim with Docker
20.10.6, containerd 1.4.4's CRI or cri-o 1.20. Pulls are real lookups in the tests' local
registry (tests/support/local_registry.py): a pull succeeds only if the registry serves the
manifest. The same rules, and the same error texts, are in tests/sim/minikube/image_store.cpp
and pull_errors.cpp (which cite each runtime's source), which serve `minikube ssh -- docker
pull ...`, `crictl pull` and `podman pull`.

Docker texts: seed-case.md "Pulling the image minikube chose"; moby distribution/errors.go."""
import hashlib, json, urllib.error, urllib.request

ACCEPT = ", ".join(["application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"])


def normalize(ref):
    """docker/distribution reference.ParseNormalizedNamed + TagNameOnly: the full name with a tag."""
    name, tag, digest = ref, None, None
    if "@" in name:
        name, digest = name.split("@", 1)
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = name.rsplit(":", 1)
    first = name.split("/", 1)[0]
    if "/" not in name or not ("." in first or ":" in first or first == "localhost"):
        name = "docker.io/" + name
    host, path = name.split("/", 1)
    if host == "docker.io" and "/" not in path:
        path = "library/" + path
    out = host + "/" + path
    if digest:
        return out + "@" + digest
    return out + ":" + (tag or "latest")


def familiar(ref):
    """How `docker images` names a repository: docker.io/ and library/ are dropped."""
    if ref.startswith("docker.io/library/"):
        return ref[len("docker.io/library/"):]
    if ref.startswith("docker.io/"):
        return ref[len("docker.io/"):]
    return ref


def node_names(state):
    return [n["name"] for n in state.get("nodes", [])]


def store(state, node):
    for n in state.setdefault("nodes", []):
        if n["name"] == node:
            return n.setdefault("images", [])
    raise KeyError("the simulation has no node %s" % node)


def runtime(state):
    profile = state.get("minikube", {}).get("profile") or {}
    r = profile.get("container_runtime") or "docker"
    return "crio" if r == "cri-o" else r


def find(state, ref, node):
    want = normalize(ref)
    for image in store(state, node):
        if want in image["repo_tags"] or want in image.get("repo_digests", []):
            return image
    return None


RATE_LIMIT = ("toomanyrequests: You have reached your pull rate limit. You may increase the limit by "
              "authenticating and upgrading: https://www.docker.com/increase-rate-limit")


def cri_error(runtime_name, kind, ref, host, name, tag):
    """The CRI PullImage error as kubelet records it, per runtime (the sources are cited in
    tests/sim/minikube/pull_errors.hpp): `kind` is unreachable, refused, rate_limited, denied or
    not_found; `ref` the normalised reference, `name` host/path, `tag` the tag or digest."""
    path = name.split("/", 1)[1]
    dial = ("dial tcp %s: connect: connection refused" % host if kind == "refused"
            else "dial tcp: lookup %s: i/o timeout" % host)
    if runtime_name == "containerd":
        head = 'failed to pull and unpack image "%s": failed to resolve reference "%s": ' % (ref, ref)
        if kind == "not_found":
            return "rpc error: code = NotFound desc = %s%s: not found" % (head, ref)
        tail = {"denied": "pull access denied, repository does not exist or may require authorization: server "
                          "message: insufficient_scope: authorization failed",
                "rate_limited": "unexpected status code [manifests %s]: 429 Too Many Requests" % tag}.get(kind)
        if tail is None:
            tail = 'failed to do request: Head "%s://%s/v2/%s/manifests/%s": %s' % (
                "http" if kind == "refused" else "https", host, path, tag, dial)
        return "rpc error: code = Unknown desc = " + head + tail
    if runtime_name == "crio":
        if kind in ("unreachable", "refused"):
            text = 'error pinging docker registry %s: Get "%s://%s/v2/": %s' % (
                host, "http" if kind == "refused" else "https", host, dial)
        else:
            cause = {"rate_limited": RATE_LIMIT, "denied": "denied: requested access to the resource is denied",
                     "not_found": "manifest unknown: manifest unknown"}[kind]
            text = "Error reading manifest %s in %s: %s" % (tag, name, cause)
        return "rpc error: code = Unknown desc = " + text
    if kind == "rate_limited":
        text = RATE_LIMIT
    elif kind == "unreachable":
        text = ('Get "https://%s/v2/": net/http: request canceled while waiting for connection '
                '(Client.Timeout exceeded while awaiting headers)' % host)
    elif kind == "refused":
        text = 'Get "http://%s/v2/": dial tcp %s: connect: connection refused' % (host, host)
    elif kind == "denied":
        # Aliyun answers 'denied' for a repository it does not have (seed case); Docker then
        # says the repository may not exist.
        text = ("pull access denied for %s, repository does not exist or may require 'docker login': "
                "denied: requested access to the resource is denied" % familiar(name))
    else:
        # moby distribution/errors.go: FamiliarString of the reference (name@digest for a digest).
        text = "manifest for %s%s%s not found: manifest unknown: manifest unknown" % (
            familiar(name), "@" if tag.startswith("sha256:") else ":", tag)
    return "rpc error: code = Unknown desc = Error response from daemon: " + text


def pull_error(state, ref, node):
    """None when `ref` can be pulled into `node`'s store (it is then added); else the runtime's
    error as kubelet reports it ("rpc error: code = ... desc = ...")."""
    ref = normalize(ref)
    repo_tag, digest = (ref.split("@", 1) + [None])[:2] if "@" in ref else (ref, None)
    name = repo_tag.rsplit(":", 1)[0] if digest is None else repo_tag
    tag = repo_tag.rsplit(":", 1)[1] if digest is None else digest
    host, path = name.split("/", 1)
    settings = state.get("settings", {})

    def failed(kind):
        return cri_error(runtime(state), kind, ref, host, name, tag)

    if host in settings.get("rate_limited", []):
        return failed("rate_limited")
    # settings.endpoints: a registry the node reaches at another address (containerd's
    # hosts.toml, dockerd's registry-mirrors), e.g. "Aliyun" served by the tests' local registry.
    served_by = settings.get("endpoints", {}).get(host, host)
    if served_by not in settings.get("registries", []):
        return failed("unreachable")
    try:
        manifest, manifest_digest = fetch(served_by, path, tag)
        if manifest.get("manifests"):
            chosen = next((m for m in manifest["manifests"] if m.get("platform", {}).get("architecture") == "amd64"),
                          manifest["manifests"][0])
            inner, _ = fetch(served_by, path, chosen["digest"])
            config = inner["config"]["digest"]
        else:
            config = manifest["config"]["digest"]
    except urllib.error.HTTPError as e:
        body = e.read().decode(errors="replace")
        codes = [err.get("code") for err in json.loads(body).get("errors", [])] if body.startswith("{") else []
        if e.code in (401, 403) or "NAME_UNKNOWN" in codes or settings.get("missing_repository") == "denied":
            return failed("denied")
        return failed("not_found")
    except (urllib.error.URLError, OSError):
        return failed("refused")
    images = store(state, node)
    existing = next((i for i in images if i["id"] == config), None)
    if existing is None:
        existing = {"id": config, "repo_tags": [], "repo_digests": [], "size": 31465472}
        images.append(existing)
    for image in images:
        if image is not existing and repo_tag in image["repo_tags"]:
            image["repo_tags"].remove(repo_tag)
    if digest is None and repo_tag not in existing["repo_tags"]:
        existing["repo_tags"].append(repo_tag)
    repo_digest = name + "@" + manifest_digest
    if repo_digest not in existing["repo_digests"]:
        existing["repo_digests"].append(repo_digest)
    return None


def fetch(host, path, reference):
    request = urllib.request.Request("http://%s/v2/%s/manifests/%s" % (host, path, reference),
                                     headers={"Accept": ACCEPT})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=5) as response:
        body = response.read()
        digest = response.headers.get("Docker-Content-Digest") or "sha256:" + hashlib.sha256(body).hexdigest()
        return json.loads(body), digest
