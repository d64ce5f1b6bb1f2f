"""Turns a scenario (tests/sim/scenarios/*.json, compact) into the initial shared state.

Placeholders in any string: ${registry} is the tests' local registry (host:port) and ${cn} the
mirror the simulation lets country code "cn" stand for (${registry}/google_containers, the
layout of registry.cn-hangzhou.aliyuncs.com/google_containers). Ages ("20h", "7m48s") are
relative to the simulation's clock at load time."""
import datetime, hashlib, json, re

import controllers
import image_store
import objects
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
    settings.update(clock=clock, registries=[registry], mirrors={"cn": cn, "global": ""})
    state = {"about": sc["about"], "settings": settings, "minikube": sc.get("minikube", {}),
             "addons": sc.get("addons", {}), "node": {"images": []},
             "cluster": {r: [] for r in ("namespaces", "nodes", "pods", "persistentvolumeclaims", "persistentvolumes",
                                         "events", "storageclasses", "deployments", "statefulsets", "daemonsets",
                                         "replicasets", "jobs")},
             "sim": {}}
    for name in sc.get("node_images", []):
        add_preloaded(state, name)
    if "cluster" not in sc:
        return state
    c = sc["cluster"]
    created = now - duration(c.get("age", "0s"))
    for ns in c.get("namespaces", ["default", "kube-node-lease", "kube-public", "kube-system"]):
        state["cluster"]["namespaces"].append(objects.namespace(state, ns, created))
    state["cluster"]["nodes"].append(objects.node(state, dict(c.get("node", {}), minikube_version=state["minikube"].get(
        "version", "v1.20.0")), created))
    if state["addons"].get("default-storageclass", {}).get("enabled"):
        state["cluster"]["storageclasses"].append(objects.storage_class(state, created))
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
        if p.get("scheduled"):
            pod["spec"]["nodeName"] = objects.NODE_NAME
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
    controllers.reconcile(state, now)
    return state


def datetime_of(obj):
    return datetime.datetime.strptime(obj["metadata"]["creationTimestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def add_preloaded(state, name):
    """An image the node already has (minikube's preload, or pulled before the scenario starts):
    IDs and digests derived from the name, as no registry served them."""
    ref = image_store.normalize(name)
    digest = "sha256:" + hashlib.sha256(("manifest " + ref).encode()).hexdigest()
    state["node"]["images"].append({"id": "sha256:" + hashlib.sha256(("config " + ref).encode()).hexdigest(),
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
