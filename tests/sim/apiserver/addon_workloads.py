"""The dashboard and metrics-server addons as the cluster sees them: what `kubectl apply` of their
manifests (minikube v1.20.0 deploy/addons/dashboard/dashboard-ns.yaml and dashboard-dp.yaml.tmpl,
deploy/addons/metrics-server/metrics-server-deployment.yaml.tmpl; the later tags change only the
images) and then the deployment and replicaset controllers leave: a Deployment, its ReplicaSet
<deployment>-<pod-template-hash> and one pod <replicaset>-<5 chars> per Deployment.

The images come from state.addons[addon].images (the minikube double renders them). An
`addons enable` that changes a template's image makes a new ReplicaSet and pod (the old ones go
at once); one that changes nothing leaves the pod alone, as `kubectl apply` of an unchanged
manifest does. A deleted pod is replaced by a new one (the ReplicaSet controller). Disabling
deletes what enabling made, the kubernetes-dashboard namespace included.

Not modelled: the addons' Services, RBAC, ConfigMap, Secret and APIService; rolling updates
(the old pod is gone as soon as the new ReplicaSet exists)."""
import hashlib

import objects

DASHBOARD_LABELS = {"kubernetes.io/minikube-addons": "dashboard", "addonmanager.kubernetes.io/mode": "Reconcile"}
ADDONS = {
    "dashboard": {
        "namespace": "kubernetes-dashboard",
        "deployments": [
            {"name": "dashboard-metrics-scraper", "key": "MetricsScraper", "port": 8000,
             "service_account": "kubernetes-dashboard",
             "annotations": {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}},
            {"name": "kubernetes-dashboard", "key": "Dashboard", "port": 9090,
             "service_account": "kubernetes-dashboard", "template_labels": {"gcp-auth-skip-secret": "true"},
             "args": ["--namespace=kubernetes-dashboard", "--enable-skip-login", "--disable-settings-authorizer"]},
        ]},
    "metrics-server": {
        "namespace": "kube-system",
        "deployments": [
            {"name": "metrics-server", "key": "MetricsServer", "port": 4443, "service_account": "metrics-server",
             "priority_class": "system-cluster-critical", "pull": "IfNotPresent",
             "resources": {"requests": {"cpu": "100m", "memory": "300Mi"}},
             "args": ["--cert-dir=/tmp", "--secure-port=4443",
                      "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                      "--kubelet-use-node-status-port", "--metric-resolution=15s", "--kubelet-insecure-tls"]},
        ]},
}
# k8s.io/apimachinery/pkg/util/rand SafeEncodeString's alphabet.
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def template_hash(deployment, image):
    """pkg/controller/controller_utils.go ComputeHash: a 32-bit FNV of the pod template, written
    in decimal and each digit mapped through SafeEncodeString (so 9 or 10 characters)."""
    number = int(hashlib.sha256(("%s|%s" % (deployment, image)).encode()).hexdigest(), 16) % (2 ** 32)
    return "".join(ALPHANUMS[ord(ch) % len(ALPHANUMS)] for ch in str(number))


def sync(state, now, record):
    cluster = state["cluster"]
    for addon, spec in ADDONS.items():
        conf = state.get("addons", {}).get(addon) or {}
        ns = spec["namespace"]
        if not conf.get("enabled"):
            remove(state, spec)
            continue
        if ns != "kube-system" and controllers_find(state, "namespaces", None, ns) is None:
            cluster["namespaces"].append(objects.namespace(state, ns, now, DASHBOARD_LABELS))
        for d in spec["deployments"]:
            image = conf.get("images", {}).get(d["key"])
            if image:
                ensure(state, addon, spec, d, image, now, record)


def controllers_find(state, resource, namespace, name):
    for o in state["cluster"][resource]:
        if o["metadata"]["name"] == name and o["metadata"].get("namespace") == namespace:
            return o
    return None


def owned_by(o, kind, name):
    return any(r["kind"] == kind and r["name"] == name for r in o["metadata"].get("ownerReferences", []))


def remove(state, spec):
    cluster = state["cluster"]
    ns = spec["namespace"]
    names = {d["name"] for d in spec["deployments"]}
    if not any(o["metadata"]["namespace"] == ns and o["metadata"]["name"] in names for o in cluster["deployments"]):
        return
    objects.next_version(state)  # the server saves the state when the resourceVersion counter moves
    cluster["deployments"][:] = [o for o in cluster["deployments"]
                                 if not (o["metadata"]["namespace"] == ns and o["metadata"]["name"] in names)]
    gone = {o["metadata"]["name"] for o in cluster["replicasets"] if o["metadata"]["namespace"] == ns and
            any(owned_by(o, "Deployment", n) for n in names)}
    cluster["replicasets"][:] = [o for o in cluster["replicasets"]
                                 if not (o["metadata"]["namespace"] == ns and o["metadata"]["name"] in gone)]
    cluster["pods"][:] = [p for p in cluster["pods"] if not (
        p["metadata"]["namespace"] == ns and any(owned_by(p, "ReplicaSet", n) for n in gone))]
    if ns != "kube-system":
        # dashboard-ns.yaml is deleted with the rest: the namespace takes everything in it.
        cluster["namespaces"][:] = [o for o in cluster["namespaces"] if o["metadata"]["name"] != ns]
        for resource, items in cluster.items():
            if resource != "namespaces" and isinstance(items, list):
                items[:] = [o for o in items if o.get("metadata", {}).get("namespace") != ns]


def ensure(state, addon, spec, d, image, now, record):
    cluster = state["cluster"]
    ns = spec["namespace"]
    selector = {"k8s-app": d["name"]}
    labels = dict(selector, **({"kubernetes.io/minikube-addons": addon,
                                "addonmanager.kubernetes.io/mode": "Reconcile"}))
    deployment = controllers_find(state, "deployments", ns, d["name"])
    if deployment is not None and deployment["spec"]["template"]["spec"]["containers"][0]["image"] != image:
        # kubectl apply of the changed template: the same Deployment, a new generation and revision.
        deployment["spec"]["template"]["spec"]["containers"][0]["image"] = image
        deployment["metadata"]["generation"] += 1
        annotations = deployment["metadata"].setdefault("annotations", {})
        annotations["deployment.kubernetes.io/revision"] = str(int(annotations.get(
            "deployment.kubernetes.io/revision", "1")) + 1)
        deployment["metadata"]["resourceVersion"] = objects.next_version(state)
    if deployment is None:
        deployment = objects.workload(state, {"kind": "Deployment", "name": d["name"], "namespace": ns,
                                              "labels": labels, "selector": selector,
                                              "containers": [{"name": d["name"], "image": image,
                                                              "pull": d.get("pull", "IfNotPresent")}]}, now)
        deployment["metadata"]["annotations"] = {"deployment.kubernetes.io/revision": "1"}
        cluster["deployments"].append(deployment)
    pod_hash = template_hash(d["name"], image)
    rs_name = "%s-%s" % (d["name"], pod_hash)
    # The template changed: the old ReplicaSets and their pods go.
    for rs in [o for o in cluster["replicasets"] if o["metadata"]["namespace"] == ns and
               owned_by(o, "Deployment", d["name"]) and o["metadata"]["name"] != rs_name]:
        cluster["replicasets"].remove(rs)
        objects.next_version(state)
        cluster["pods"][:] = [p for p in cluster["pods"] if not (
            p["metadata"]["namespace"] == ns and owned_by(p, "ReplicaSet", rs["metadata"]["name"]))]
    rs = controllers_find(state, "replicasets", ns, rs_name)
    pod_labels = dict(selector, **{"pod-template-hash": pod_hash}, **d.get("template_labels", {}))
    if rs is None:
        rs = objects.workload(state, {"kind": "ReplicaSet", "name": rs_name, "namespace": ns,
                                      "labels": dict(selector, **{"pod-template-hash": pod_hash}),
                                      "containers": [{"name": d["name"], "image": image,
                                                      "pull": d.get("pull", "IfNotPresent")}]}, now)
        rs["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": d["name"],
                                              "uid": deployment["metadata"]["uid"], "controller": True,
                                              "blockOwnerDeletion": True}]
        cluster["replicasets"].append(rs)
        record(state, deployment, "Normal", "ScalingReplicaSet", "Scaled up replica set %s to 1" % rs_name,
               "deployment-controller", now)
    if any(p["metadata"]["namespace"] == ns and owned_by(p, "ReplicaSet", rs_name) for p in cluster["pods"]):
        return
    objects.next_version(state)
    counter = state.setdefault("sim", {}).setdefault("addon_pods_made", {})
    made = counter.get(rs_name, 0)
    counter[rs_name] = made + 1
    name = "%s-%s" % (rs_name, objects.name_suffix(rs_name, made))
    pod = objects.pod(state, {"name": name, "namespace": ns, "labels": pod_labels, "annotations": d.get("annotations"),
                              "owner": {"kind": "ReplicaSet", "name": rs_name, "uid": rs["metadata"]["uid"]},
                              "service_account": d["service_account"], "priority_class": d.get("priority_class"),
                              "containers": [{"name": d["name"], "image": image, "pull": d.get("pull"),
                                              "resources": d.get("resources", {}),
                                              "mounts": {"tmp-volume" if addon == "dashboard" else "tmp-dir": "/tmp"}}]},
                      now, made)
    pod["metadata"]["generateName"] = rs_name + "-"
    container = pod["spec"]["containers"][0]
    container["ports"] = [{"name": "https", "containerPort": d["port"], "protocol": "TCP"} if addon == "metrics-server"
                          else {"containerPort": d["port"], "protocol": "TCP"}]
    if d.get("args"):
        container["args"] = list(d["args"])
    pod["spec"]["volumes"].insert(0, {"name": "tmp-volume" if addon == "dashboard" else "tmp-dir", "emptyDir": {}})
    if addon == "dashboard":
        pod["spec"]["nodeSelector"] = {"beta.kubernetes.io/os": "linux"}
        pod["spec"]["tolerations"].insert(0, {"key": "node-role.kubernetes.io/master", "effect": "NoSchedule"})
    cluster["pods"].append(pod)
    record(state, rs, "Normal", "SuccessfulCreate", "Created pod: " + name, "replicaset-controller", now)
