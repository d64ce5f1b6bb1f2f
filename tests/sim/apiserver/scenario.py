"""Turns a scenario (tests/sim/scenarios/*.json, compact) into the initial shared state.

Placeholders in any string: ${registry} is the tests' local registry (host:port) and ${cn} the
mirror the simulation lets country code "cn" stand for (${registry}/google_containers, the
layout of registry.cn-hangzhou.aliyuncs.com/google_containers). Ages ("20h", "7m48s") are
relative to the simulation's clock at load time."""
import datetime, hashlib, json, re, urllib.request

import controllers
import image_store
import objects
import services
from sim_state import format_time


def duration(text):
    seconds = 0
    for amount, unit in re.findall(r"(\d+)([dhms])", text):
        seconds += int(amount) * {"d": 86400, "h": 3600, "m": 60, "s": 1}[unit]
    return datetime.timedelta(seconds=seconds)


def substitute(value, names):
    if isinstance(value, str):
        for key, replacement in names.items():
            value = value.replace("${%s}" % key, replacement)
        return value
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, names) for k, v in value.items()}
    return value


def load(path, registry, clock, now):
    with open(path) as f:
        raw = json.load(f)
    cn = registry + "/google_containers"
    sc = substitute(raw, {"registry": registry, "cn": cn})
    settings = dict(sc.get("settings", {}))
    # A scenario may name the real mirror for cn and serve it from the local registry through
    # settings.endpoints (fresh-host-cn): the nodes then pull Aliyun's names, as in the seed.
    mirrors = {"cn": cn, "global": ""}
    mirrors.update(settings.get("mirrors", {}))
    settings.update(clock=clock, registries=[registry], mirrors=mirrors)
    state = {"about": sc["about"], "settings": settings, "minikube": sc.get("minikube", {}),
             "addons": sc.get("addons", {}), "nodes": machines(sc.get("minikube", {}).get("profile")),
             "cluster": {r: [] for r in ("namespaces", "nodes", "pods", "persistentvolumeclaims", "persistentvolumes",
                                         "events", "storageclasses", "deployments", "statefulsets", "daemonsets",
                                         "replicasets", "jobs", "services", "endpoints")},
             "sim": {}}
    for ref in sc.get("registry_images", []):
        settings.setdefault("seeded_images", {})[ref] = push_image(ref)
    preloaded = sc.get("node_images", [])
    if isinstance(preloaded, list):
        preloaded = {objects.NODE_NAME: preloaded}
    for machine, names in preloaded.items():
        for name in names:
            add_preloaded(state, name, machine)
    if "cluster" not in sc:
        return state
    c = sc["cluster"]
    created = now - duration(c.get("age", "0s"))
    for ns in c.get("namespaces", ["default", "kube-node-lease", "kube-public", "kube-system"]):
        state["cluster"]["namespaces"].append(objects.namespace(state, ns, created))
    runtime = image_store.runtime(state)
    for index, machine in enumerate(image_store.node_names(state)):
        # A worker joins a little after the control plane (multi_node.md at v1.20.0: 99s and 73s old).
        joined = created + datetime.timedelta(seconds=26 * index)
        state["cluster"]["nodes"].append(objects.node(state, dict(c.get("node", {}), name=machine, index=index,
                                                                  ip=objects.node_ip(state, machine), runtime=runtime,
                                                                  minikube_version=state["minikube"].get(
                                                                      "version", "v1.20.0")), joined))
    if state["addons"].get("default-storageclass", {}).get("enabled"):
        state["cluster"]["storageclasses"].append(objects.storage_class(state, created))
    state["cluster"]["services"].extend(services.system_services(state, created))
    for w in c.get("workloads", []):
        resource = {"Deployment": "deployments", "StatefulSet": "statefulsets", "DaemonSet": "daemonsets",
                    "ReplicaSet": "replicasets", "Job": "jobs"}[w["kind"]]
        state["cluster"][resource].append(objects.workload(state, w, now - duration(w.get("age", c.get("age", "0s")))))
    for claim in c.get("persistentvolumeclaims", []):
        state["cluster"]["persistentvolumeclaims"].append(objects.pvc(state, claim, now - duration(claim["age"])))
    for addon, spec in state["addons"].items():
        if spec.get("enabled") and addon in controllers.ADDON_PODS:
            pod = controllers.addon_pod(state, addon, created, spec.get("generation", 1))
            pod["spec"]["nodeName"] = objects.NODE_NAME
            state["cluster"]["pods"].append(pod)
            state["sim"].setdefault("addon_generation", {})[addon] = spec.get("generation", 1)
    for p in c.get("pods", []):
        pod = objects.pod(state, p, now - duration(p["age"]))
        if p.get("scheduled") or p.get("node"):
            pod["spec"]["nodeName"] = p.get("node", objects.NODE_NAME)
        if p.get("evicted"):
            # What kubelet's eviction manager leaves (pkg/kubelet/eviction): a Failed pod, kept.
            pod["spec"]["nodeName"] = objects.NODE_NAME
            pod["status"] = {"phase": "Failed", "reason": "Evicted", "message": p["evicted"],
                             "startTime": pod["metadata"]["creationTimestamp"], "qosClass": pod["status"]["qosClass"]}
            state["sim"].setdefault("frozen", []).append("%s/%s" % (pod["metadata"]["namespace"], p["name"]))
        state["cluster"]["pods"].append(pod)
    state["sim"]["crash"] = dict(c.get("crash", {}))
    # What the components did before the scenario's "now": kubelet ran (or failed to pull) each
    # scheduled pod when it was created; recorded histories then replace the one-off events.
    frozen = state["sim"].get("frozen", [])
    for pod in state["cluster"]["pods"]:
        if pod["spec"].get("nodeName") and "%s/%s" % (pod["metadata"]["namespace"], pod["metadata"]["name"]) not in frozen:
            controllers.kubelet(state, pod, datetime_of(pod))
    for key, book in c.get("pull_backoff", {}).items():
        pod = controllers.find(state, "pods", *key.split("/", 1))
        state["sim"]["pods"][pod["metadata"]["uid"]] = {
            "attempts": book["attempts"], "retry_at": format_time(now + duration(book["retry_in"]))}
        controllers.kubelet(state, pod, now)
    for e in c.get("events", []):
        add_history(state, e, now)
    if "generate" in c:
        generate(state, c["generate"], now)
    controllers.reconcile(state, now)
    return state


def generate(state, spec, now):
    """Bulk for benchmarks: per namespace app-NNN, `pods` Running pods of `image`, `claims` Bound
    PVCs (with their PVs) and `events` events (Scheduled and Started, alternately, on its pods)."""
    created = now - duration(spec.get("age", "3h"))
    cluster = state["cluster"]
    for n in range(spec["namespaces"]):
        ns = "app-%03d" % n
        cluster["namespaces"].append(objects.namespace(state, ns, created))
        pods = []
        for i in range(spec["pods"]):
            pod = objects.pod(state, {"name": "worker-%04d" % i, "namespace": ns,
                                      "labels": {"app": "worker", "shard": str(i % 10)},
                                      "containers": [{"name": "worker", "image": spec["image"], "pull": "IfNotPresent"}]},
                              created)
            pod["spec"]["nodeName"] = objects.NODE_NAME
            image = image_store.find(state, spec["image"], objects.NODE_NAME)
            status = {"name": "worker", "restartCount": 0, "image": spec["image"], "lastState": {}, "ready": True,
                      "started": True, "state": {"running": {"startedAt": format_time(created)}},
                      "imageID": "docker-pullable://" + image["repo_digests"][0],
                      "containerID": "docker://" + objects.uid("container", pod["metadata"]["uid"]).replace("-", "") * 2}
            controllers.set_status(state, pod, [status], created)
            pods.append(pod)
        cluster["pods"].extend(pods)
        for i in range(spec["claims"]):
            claim = objects.pvc(state, {"name": "data-%04d" % i, "namespace": ns, "size": "1Gi"}, created)
            pv = objects.pv_for(state, claim, controllers.PROVISIONER, created)
            claim["metadata"]["annotations"] = {"pv.kubernetes.io/bind-completed": "yes",
                                                "pv.kubernetes.io/bound-by-controller": "yes",
                                                "volume.beta.kubernetes.io/storage-provisioner": controllers.PROVISIONER}
            claim["spec"]["volumeName"] = pv["metadata"]["name"]
            claim["status"] = {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}}
            cluster["persistentvolumeclaims"].append(claim)
            cluster["persistentvolumes"].append(pv)
        for i in range(spec["events"]):
            pod = pods[(i // 2) % len(pods)]
            if i % 2 == 0:
                e = objects.event(state, pod, "Scheduled", "Successfully assigned %s/%s to minikube" % (
                    ns, pod["metadata"]["name"]), "Normal", "default-scheduler", created)
            else:
                e = objects.event(state, pod, "Started", "Started container worker", "Normal", "kubelet", created)
            cluster["events"].append(e)


def datetime_of(obj):
    return datetime.datetime.strptime(obj["metadata"]["creationTimestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def machines(profile):
    """state.nodes for a profile of `nodes` machines (default 1), named as minikube names them
    (tests/sim/minikube/sim_nodes.hpp); none before the first start."""
    if not profile:
        return []
    count = profile.get("nodes", 1)
    return [{"name": objects.NODE_NAME if i == 0 else "%s-m%02d" % (objects.NODE_NAME, i + 1),
             "ip": "192.168.49.%d" % (2 + i), "control_plane": i == 0, "images": []} for i in range(count)]


def add_preloaded(state, name, machine=objects.NODE_NAME):
    """An image a node already has (minikube's preload, or pulled before the scenario starts):
    IDs and digests derived from the name, as no registry served them."""
    ref = image_store.normalize(name)
    digest = "sha256:" + hashlib.sha256(("manifest " + ref).encode()).hexdigest()
    image_store.store(state, machine).append({"id": "sha256:" + hashlib.sha256(("config " + ref).encode()).hexdigest(),
                                    "repo_tags": [ref], "repo_digests": [ref.rsplit(":", 1)[0] + "@" + digest],
                                    "size": 45000000})


def add_history(state, e, now):
    """{object: "Kind/namespace/name", type, reason, message, from, first, last, count}."""
    kind, ns, name = e["object"].split("/", 2)
    resource = {"Pod": "pods", "PersistentVolumeClaim": "persistentvolumeclaims", "Node": "nodes"}[kind]
    involved = controllers.find(state, resource, ns or None, name)
    first = now - duration(e["first"])
    last = now - duration(e.get("last", e["first"]))
    for existing in state["cluster"]["events"]:
        if (existing["involvedObject"]["uid"] == involved["metadata"]["uid"] and existing["reason"] == e["reason"]
                and existing["message"] == e["message"]):
            state["cluster"]["events"].remove(existing)
            break
    state["cluster"]["events"].append(objects.event(state, involved, e["reason"], e["message"], e["type"], e["from"],
                                                    first, e.get("count", 1), last))


def push_image(ref):
    """Puts a one-layer image at `ref` (host/path:tag) in the tests' local registry through the
    distribution API (docs/spec/api.md: monolithic blob upload, POST then PUT ?digest=; manifest
    PUT), so a scenario can say what a mirror holds beyond tests/support/local_registry.py's
    seed. The content is derived from the path, so a second load pushes the same digests.
    Returns the manifest digest."""
    host, rest = ref.split("/", 1)
    path, tag = rest.rsplit(":", 1)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def blob(data):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        start = opener.open(urllib.request.Request("http://%s/v2/%s/blobs/uploads/" % (host, path), data=b"",
                                                   method="POST"), timeout=10)
        location = start.headers["Location"]
        if location.startswith("/"):
            location = "http://" + host + location
        put = urllib.request.Request(location + ("&" if "?" in location else "?") + "digest=" + digest, data=data,
                                     method="PUT", headers={"Content-Type": "application/octet-stream"})
        opener.open(put, timeout=10).read()
        return digest, len(data)

    config = json.dumps({"architecture": "amd64", "os": "linux", "variant_of_test": path,
                         "rootfs": {"type": "layers", "diff_ids": []}}).encode()
    cdig, csize = blob(config)
    ldig, lsize = blob(("layer of " + path).encode())
    manifest = json.dumps({"schemaVersion": 2, "mediaType": image_store.ACCEPT.split(", ")[0],
                           "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                                      "size": csize, "digest": cdig},
                           "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                       "size": lsize, "digest": ldig}]}, indent=3).encode()
    put = urllib.request.Request("http://%s/v2/%s/manifests/%s" % (host, path, tag), data=manifest, method="PUT",
                                 headers={"Content-Type": image_store.ACCEPT.split(", ")[0]})
    opener.open(put, timeout=10).read()
    return "sha256:" + hashlib.sha256(manifest).hexdigest()
