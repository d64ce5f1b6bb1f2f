"""core/v1 Endpoints: the endpoints controller of kube-controller-manager v1.20
(pkg/controller/endpoint/endpoints_controller.go syncService, addEndpointSubset,
shouldPodBeInEndpoints, podToEndpointAddressForService; pkg/api/v1/pod/util.go FindPort;
pkg/api/v1/endpoints/util.go RepackSubsets; trigger_time_tracker.go for the
endpoints.kubernetes.io/last-change-trigger-time annotation), the apiserver's own Endpoints for
the `kubernetes` Service (pkg/controlplane/reconcilers/lease.go doReconcile: minikube's apiserver
address 192.168.49.2, port 8443 named https, label endpointslice.kubernetes.io/skip-mirror), and
the ENDPOINTS cell of the `kubectl get endpoints` Table (tables.py; pkg/printers/internalversion/
printers.go printEndpoints, formatEndpoints).

For each Service with a selector, an Endpoints of the same name and namespace: the pods the
selector matches that have an IP (kubelet gives a pod its sandbox's IP once it is on a node, even
while its images are pulled) and are not being deleted; Ready pods in `addresses`, the others in
`notReadyAddresses` (a run-to-completion pod that finished is left out). Ports are the
Service's, the targetPort resolved against the containers' named ports (a pod without the named
port is left out of that port). No matching pod: no `subsets`. The Endpoints goes with its
Service. The real port order within a subset follows a hash of each port; here it is the
Service's order."""
import copy

import objects
from sim_state import parse_time

TRIGGER = "endpoints.kubernetes.io/last-change-trigger-time"
APISERVER_PORT = 8443  # minikube's --secure-port


def sync(state, now):
    cluster = state["cluster"]
    items = cluster.setdefault("endpoints", [])
    seen = state.setdefault("sim", {}).setdefault("endpoints", {})
    services = {(s["metadata"]["namespace"], s["metadata"]["name"]): s for s in cluster.get("services", [])}
    for key in list(seen):
        ns, name = key.split("/", 1)
        if (ns, name) not in services:
            # syncService of a deleted Service deletes its Endpoints.
            gone = find(items, ns, name)
            if gone is not None:
                items.remove(gone)
                objects.next_version(state)
            del seen[key]
    for (ns, name), svc in sorted(services.items()):
        if ns == "default" and name == "kubernetes" and not svc["spec"].get("selector"):
            apiserver_endpoints(state, svc)
        elif svc["spec"].get("selector"):
            sync_service(state, svc, now)


def find(items, namespace, name):
    return next((e for e in items if e["metadata"]["name"] == name and e["metadata"].get("namespace") == namespace),
                None)


def apiserver_endpoints(state, svc):
    """lease.go doReconcile: one subset, the apiserver's address (the control plane's node IP) and
    the `https` port."""
    items = state["cluster"]["endpoints"]
    if find(items, "default", "kubernetes") is not None:
        return
    ep = {"kind": "Endpoints", "apiVersion": "v1",
          "metadata": objects.meta(state, "kubernetes", "default", parse_time(svc["metadata"]["creationTimestamp"]),
                                   "Endpoints", {"endpointslice.kubernetes.io/skip-mirror": "true"}),
          "subsets": [{"addresses": [{"ip": objects.node_ip(state, objects.NODE_NAME)}],
                       "ports": [{"name": "https", "port": APISERVER_PORT, "protocol": "TCP"}]}]}
    items.append(ep)


def pod_ready(pod):
    return any(c["type"] == "Ready" and c["status"] == "True" for c in pod["status"].get("conditions", []))


def in_endpoints(pod):
    """shouldPodBeInEndpoints: a finished pod of a run-to-completion pod is not an endpoint."""
    policy = pod["spec"].get("restartPolicy", "Always")
    phase = pod["status"].get("phase")
    if policy == "Never":
        return phase not in ("Failed", "Succeeded")
    if policy == "OnFailure":
        return phase != "Succeeded"
    return True


def find_port(pod, port):
    """pkg/api/v1/pod/util.go FindPort: a named targetPort is looked up among the containers' ports
    of the same protocol; a number is taken as it is."""
    target = port.get("targetPort", port["port"])
    if isinstance(target, int):
        return target
    for c in pod["spec"].get("containers", []):
        for p in c.get("ports", []):
            if p.get("name") == target and p.get("protocol", "TCP") == port.get("protocol", "TCP"):
                return p["containerPort"]
    return None


def address(pod):
    """podToEndpointAddressForService."""
    md = pod["metadata"]
    return {"ip": pod["status"]["podIP"], "nodeName": pod["spec"]["nodeName"],
            "targetRef": {"kind": "Pod", "namespace": md["namespace"], "name": md["name"], "uid": md["uid"],
                          "resourceVersion": md["resourceVersion"]}}


def subsets_for(state, svc):
    ns = svc["metadata"]["namespace"]
    selector = svc["spec"]["selector"]
    pods = [p for p in state["cluster"]["pods"] if p["metadata"].get("namespace") == ns and
            all((p["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())]
    publish = bool(svc["spec"].get("publishNotReadyAddresses"))
    groups = []  # RepackSubsets: addresses with the same ports share a subset
    for pod in sorted(pods, key=lambda p: p["metadata"]["name"]):
        if not pod["status"].get("podIP"):
            continue
        if not publish and pod["metadata"].get("deletionTimestamp"):
            continue
        ready = publish or pod_ready(pod)
        if not ready and not in_endpoints(pod):
            continue
        ports = []
        for port in svc["spec"].get("ports", []):
            number = find_port(pod, port)
            if number is None:
                continue
            ep_port = {"port": number, "protocol": port.get("protocol", "TCP")}
            if port.get("name"):
                ep_port = dict({"name": port["name"]}, **ep_port)
            if port.get("appProtocol"):
                ep_port["appProtocol"] = port["appProtocol"]
            ports.append(ep_port)
        if not ports and svc["spec"].get("ports"):
            continue
        group = next((g for g in groups if g["ports"] == ports), None)
        if group is None:
            group = {"addresses": [], "notReadyAddresses": [], "ports": ports}
            groups.append(group)
        group["addresses" if ready else "notReadyAddresses"].append(address(pod))
    subsets = []
    for g in groups:
        subset = {}
        for key in ("addresses", "notReadyAddresses"):
            if g[key]:
                subset[key] = sorted(g[key], key=lambda a: (a["ip"], a["targetRef"]["uid"]))
        if g["ports"]:
            subset["ports"] = g["ports"]
        subsets.append(subset)
    return subsets, pods


def sync_service(state, svc, now):
    """syncService: the subsets, the Service's labels (and the headless label for a Service
    without a cluster IP); the object is written only when they changed."""
    ns, name = svc["metadata"]["namespace"], svc["metadata"]["name"]
    items = state["cluster"]["endpoints"]
    subsets, pods = subsets_for(state, svc)
    labels = dict(svc["metadata"].get("labels") or {})
    if svc["spec"].get("clusterIP") in (None, "", "None"):
        labels["service.kubernetes.io/headless"] = ""
    trigger = trigger_time(state, "%s/%s" % (ns, name), svc, pods)
    current = find(items, ns, name)
    if current is not None and current.get("subsets", []) == subsets and \
            (current["metadata"].get("labels") or {}) == labels:
        return
    if current is None:
        current = {"kind": "Endpoints", "apiVersion": "v1",
                   "metadata": objects.meta(state, name, ns, parse_time(svc["metadata"]["creationTimestamp"]),
                                            "Endpoints", generation=svc["metadata"]["uid"])}
        items.append(current)
    md = current["metadata"]
    md["labels"] = labels
    if not labels:
        del md["labels"]
    annotations = md.setdefault("annotations", {})
    if trigger is not None:
        annotations[TRIGGER] = trigger
    else:
        annotations.pop(TRIGGER, None)
    if not annotations:
        del md["annotations"]
    current.pop("subsets", None)
    if subsets:
        current["subsets"] = copy.deepcopy(subsets)
    md["resourceVersion"] = objects.next_version(state)


def trigger_time(state, key, svc, pods):
    """trigger_time_tracker.go ComputeEndpointLastChangeTriggerTime: the earliest of the pods' Ready
    transitions and the Service's creation that changed since the last sync; none on the
    Service's first sync."""
    known = state["sim"]["endpoints"].get(key)
    pod_times = {}
    for p in pods:
        ready = next((c for c in p["status"].get("conditions", []) if c["type"] == "Ready"), None)
        if ready is not None and ready.get("lastTransitionTime"):
            pod_times[p["metadata"]["name"]] = ready["lastTransitionTime"]
    service_time = svc["metadata"]["creationTimestamp"]
    state["sim"]["endpoints"][key] = {"pods": pod_times, "service": service_time}
    if known is None:
        return None
    changed = [t for n, t in pod_times.items() if t > known["pods"].get(n, "")]
    if service_time > known.get("service", ""):
        changed.append(service_time)
    return min(changed) if changed else None


def format_endpoints(ep):
    """printers.go formatEndpoints: up to three ip:port, then ` + N more...`; `<none>` without
    subsets."""
    subsets = ep.get("subsets") or []
    if not subsets:
        return "<none>"
    shown, count = [], 0
    for ss in subsets:
        ports = ss.get("ports") or [None]
        for port in ports:
            for a in ss.get("addresses", []):
                count += 1
                if len(shown) < 3:
                    shown.append(a["ip"] if port is None else "%s:%d" % (a["ip"], port["port"]))
    text = ",".join(shown)
    return "%s + %d more..." % (text, count - 3) if count > 3 else text

