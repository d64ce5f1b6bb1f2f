"""The node's image store (state.node.images) and pulls into it, as dockershim on Kubernetes
v1.20 with Docker 20.10.6 behaves. Pulls are real lookups in the tests' local registry
(tests/support/local_registry.py): a pull succeeds only if the registry serves the manifest.
The same rules, and the same error texts, are in tests/sim/minikube/node_runtime.cpp, which
serves `minikube ssh -- docker pull ...`.

Error texts are the Docker daemon's (seed-case.md "Pulling the image minikube chose"; moby
distribution/errors.go for the others)."""
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


def find(state, ref):
    want = normalize(ref)
    for image in state.setdefault("node", {}).setdefault("images", []):
        if want in image["repo_tags"] or want in image.get("repo_digests", []):
            return image
    return None


def pull_error(state, ref):
    """None when `ref` can be pulled into the store (it is then added); else the daemon's error."""
    ref = normalize(ref)
    repo_tag, digest = (ref.split("@", 1) + [None])[:2] if "@" in ref else (ref, None)
    name = repo_tag.rsplit(":", 1)[0] if digest is None else repo_tag
    tag = repo_tag.rsplit(":", 1)[1] if digest is None else digest
    host, path = name.split("/", 1)
    settings = state.get("settings", {})
    if host in settings.get("rate_limited", []):
        return ("toomanyrequests: You have reached your pull rate limit. You may increase the limit by "
                "authenticating and upgrading: https://www.docker.com/increase-rate-limit")
    if host not in settings.get("registries", []):
        return ('Get "https://%s/v2/": net/http: request canceled while waiting for connection '
                '(Client.Timeout exceeded while awaiting headers)' % host)
    try:
        manifest, manifest_digest = fetch(host, path, tag)
        if manifest.get("manifests"):
            chosen = next((m for m in manifest["manifests"] if m.get("platform", {}).get("architecture") == "amd64"),
                          manifest["manifests"][0])
            inner, _ = fetch(host, path, chosen["digest"])
            config = inner["config"]["digest"]
        else:
            config = manifest["config"]["digest"]
    except urllib.error.HTTPError as e:
        body = e.read().decode(errors="replace")
        codes = [err.get("code") for err in json.loads(body).get("errors", [])] if body.startswith("{") else []
        if e.code in (401, 403) or "NAME_UNKNOWN" in codes or settings.get("missing_repository") == "denied":
            # Aliyun answers 'denied' for a repository it does not have (seed case); Docker
            # then says the repository may not exist.
            return ("pull access denied for %s, repository does not exist or may require 'docker login': "
                    "denied: requested access to the resource is denied" % familiar(name))
        return "manifest for %s not found: manifest unknown: manifest unknown" % familiar(repo_tag)
    except (urllib.error.URLError, OSError) as e:
        return 'Get "http://%s/v2/": dial tcp %s: connect: connection refused (%s)' % (host, host, e)
    store = state.setdefault("node", {}).setdefault("images", [])
    existing = next((i for i in store if i["id"] == config), None)
    if existing is None:
        existing = {"id": config, "repo_tags": [], "repo_digests": [], "size": 31465472}
        store.append(existing)
    for image in store:
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
