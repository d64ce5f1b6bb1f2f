"""meta.k8s.io/v1 Table rows, as kube-apiserver v1.20 prints them for `kubectl get` (column
definitions and cell logic from pkg/printers/internalversion/printers.go at v1.20.2). kubectl
asks for a Table and prints these cells; with `-A` it adds the NAMESPACE column itself from each
row's object metadata."""
import endpoints
import services
from sim_state import human_duration, parse_time

DESCRIPTIONS = {"Name": "Name must be unique within a namespace. Is required when creating resources, although some "
                        "resources may allow a client to request the generation of an appropriate name automatically. "
                        "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
                        "updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names",
                "Age": "CreationTimestamp is a timestamp representing the server time when this object was created. "
                       "It is not guaranteed to be set in happens-before order across separate operations. Clients may "
                       "not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
                       "system. Read-only. Null for lists. More info: "
                       "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"}


def column(name, kind="string", priority=0, fmt=""):
    if name == "Name":
        fmt = "name"
    return {"name": name, "type": kind, "format": fmt, "description": DESCRIPTIONS.get(name, name), "priority": priority}


def age(obj, now):
    return human_duration((now - parse_time(obj["metadata"]["creationTimestamp"])).total_seconds())


def access_modes(modes):
    short = {"ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX"}
    return ",".join(short[m] for m in modes if m in short)


def pod_cells(p, now):
    """printPod: the reason is the phase, overridden by a waiting or terminated container's reason."""
    status = p["status"]
    reason = status.get("reason") or status.get("phase", "Pending")
    statuses = status.get("containerStatuses", [])
    restarts = sum(s.get("restartCount", 0) for s in statuses)
    ready = sum(1 for s in statuses if s.get("ready") and "running" in s.get("state", {}))
    has_running = False
    for s in reversed(statuses):
        state = s.get("state", {})
        if state.get("waiting", {}).get("reason"):
            reason = state["waiting"]["reason"]
        elif state.get("terminated", {}).get("reason"):
            reason = state["terminated"]["reason"]
        elif "terminated" in state:
            reason = "ExitCode:%d" % state["terminated"].get("exitCode", 0)
        elif "running" in state and s.get("ready"):
            has_running = True
    if reason == "Completed" and has_running:
        reason = "Running"
    if p["metadata"].get("deletionTimestamp"):
        reason = "Terminating"
    return ["%s" % p["metadata"]["name"], "%d/%d" % (ready, len(p["spec"]["containers"])), reason, restarts,
            age(p, now), status.get("podIP", "<none>"), p["spec"].get("nodeName", "<none>"), "<none>", "<none>"]


def pvc_cells(c, now):
    """printPersistentVolumeClaim: a claim being deleted (held by its pvc-protection finalizer)
    shows Terminating."""
    bound = c["status"].get("phase") == "Bound"
    phase = "Terminating" if c["metadata"].get("deletionTimestamp") else c["status"].get("phase", "Pending")
    return [c["metadata"]["name"], phase, c["spec"].get("volumeName", ""),
            c["status"].get("capacity", {}).get("storage", "") if bound else "",
            access_modes(c["status"].get("accessModes", [])) if bound else "",
            c["spec"].get("storageClassName", ""), age(c, now), c["spec"].get("volumeMode", "<unset>")]


def pv_cells(v, now):
    ref = v["spec"].get("claimRef")
    return [v["metadata"]["name"], v["spec"]["capacity"]["storage"], access_modes(v["spec"]["accessModes"]),
            v["spec"].get("persistentVolumeReclaimPolicy", ""), v["status"].get("phase", ""),
            "%s/%s" % (ref["namespace"], ref["name"]) if ref else "", v["spec"].get("storageClassName", ""),
            v["status"].get("reason", ""), age(v, now), v["spec"].get("volumeMode", "<unset>")]


def node_cells(n, now):
    ready = next((c for c in n["status"]["conditions"] if c["type"] == "Ready"), {})
    status = "Ready" if ready.get("status") == "True" else "NotReady"
    if n["spec"].get("unschedulable"):
        status += ",SchedulingDisabled"
    roles = sorted(k.split("/", 1)[1] for k in n["metadata"].get("labels", {})
                   if k.startswith("node-role.kubernetes.io/"))
    info = n["status"]["nodeInfo"]
    internal = next((a["address"] for a in n["status"]["addresses"] if a["type"] == "InternalIP"), "<none>")
    return [n["metadata"]["name"], status, ",".join(roles) or "<none>", age(n, now), info["kubeletVersion"],
            internal, "<none>", info["osImage"], info["kernelVersion"], info["containerRuntimeVersion"]]


def event_cells(e, now):
    last = human_duration((now - parse_time(e["lastTimestamp"])).total_seconds())
    first = human_duration((now - parse_time(e["firstTimestamp"])).total_seconds())
    obj = e["involvedObject"]
    source = e["source"].get("component", "")
    if e["source"].get("host"):
        source += ", " + e["source"]["host"]
    return [last, e["type"], e["reason"], "%s/%s" % (obj["kind"].lower(), obj["name"]), obj.get("fieldPath", ""),
            source, e["message"].strip(), first, e["count"], e["metadata"]["name"]]


def workload_cells(kind, w, now):
    s = w.get("status", {})
    containers = w["spec"]["template"]["spec"]["containers"]
    names = ",".join(c["name"] for c in containers)
    images = ",".join(c["image"] for c in containers)
    selector = ",".join("%s=%s" % kv for kv in sorted(w["spec"].get("selector", {}).get("matchLabels", {}).items()))
    if kind == "Deployment":
        return [w["metadata"]["name"], "%d/%d" % (s.get("readyReplicas", 0), w["spec"]["replicas"]),
                s.get("updatedReplicas", 0), s.get("availableReplicas", 0), age(w, now), names, images, selector]
    if kind == "StatefulSet":
        return [w["metadata"]["name"], "%d/%d" % (s.get("readyReplicas", 0), w["spec"]["replicas"]), age(w, now),
                names, images]
    if kind == "ReplicaSet":
        return [w["metadata"]["name"], w["spec"]["replicas"], s.get("replicas", 0), s.get("readyReplicas", 0),
                age(w, now), names, images, selector]
    if kind == "DaemonSet":
        return [w["metadata"]["name"], s.get("desiredNumberScheduled", 0), s.get("currentNumberScheduled", 0),
                s.get("numberReady", 0), s.get("updatedNumberScheduled", 0), s.get("numberAvailable", 0), "<none>",
                age(w, now), names, images, selector]
    # printJob: the duration runs from startTime to completionTime, or to now while unfinished.
    duration = ""
    if s.get("startTime"):
        end = parse_time(s["completionTime"]) if s.get("completionTime") else now
        duration = human_duration((end - parse_time(s["startTime"])).total_seconds())
    if w["spec"].get("completions") is not None:
        completions = "%d/%d" % (s.get("succeeded", 0), w["spec"]["completions"])
    else:
        parallelism = w["spec"].get("parallelism", 0)
        completions = "%d/1 of %d" % (s.get("succeeded", 0), parallelism) if parallelism > 1 else \
            "%d/1" % s.get("succeeded", 0)
    return [w["metadata"]["name"], completions, duration, age(w, now), names, images, selector]


COLUMNS = {
    "pods": [column("Name"), column("Ready"), column("Status"), column("Restarts", "integer"), column("Age"),
             column("IP", priority=1), column("Node", priority=1), column("Nominated Node", priority=1),
             column("Readiness Gates", priority=1)],
    "persistentvolumeclaims": [column("Name"), column("Status"), column("Volume"), column("Capacity"),
                               column("Access Modes"), column("StorageClass"), column("Age"),
                               column("VolumeMode", priority=1)],
    "persistentvolumes": [column("Name"), column("Capacity"), column("Access Modes"), column("Reclaim Policy"),
                          column("Status"), column("Claim"), column("StorageClass"), column("Reason"), column("Age"),
                          column("VolumeMode", priority=1)],
    "nodes": [column("Name"), column("Status"), column("Roles"), column("Age"), column("Version"),
              column("Internal-IP", priority=1), column("External-IP", priority=1), column("OS-Image", priority=1),
              column("Kernel-Version", priority=1), column("Container-Runtime", priority=1)],
    "namespaces": [column("Name"), column("Status"), column("Age")],
    "events": [column("Last Seen"), column("Type"), column("Reason"), column("Object"),
               column("Subobject", priority=1), column("Source", priority=1), column("Message"),
               column("First Seen", priority=1), column("Count", "integer", 1), column("Name", priority=1)],
    "storageclasses": [column("Name"), column("Provisioner"), column("ReclaimPolicy"), column("VolumeBindingMode"),
                       column("AllowVolumeExpansion"), column("Age")],
    "deployments": [column("Name"), column("Ready"), column("Up-to-date", "integer"), column("Available", "integer"),
                    column("Age"), column("Containers", priority=1), column("Images", priority=1),
                    column("Selector", priority=1)],
    "statefulsets": [column("Name"), column("Ready"), column("Age"), column("Containers", priority=1),
                     column("Images", priority=1)],
    "replicasets": [column("Name"), column("Desired", "integer"), column("Current", "integer"),
                    column("Ready", "integer"), column("Age"), column("Containers", priority=1),
                    column("Images", priority=1), column("Selector", priority=1)],
    "daemonsets": [column("Name"), column("Desired", "integer"), column("Current", "integer"),
                   column("Ready", "integer"), column("Up-to-date", "integer"), column("Available", "integer"),
                   column("Node Selector"), column("Age"), column("Containers", priority=1),
                   column("Images", priority=1), column("Selector", priority=1)],
    "services": [column("Name"), column("Type"), column("Cluster-IP"), column("External-IP"), column("Port(s)"),
                 column("Age"), column("Selector", priority=1)],
    "endpoints": [column("Name"), column("Endpoints"), column("Age")],
    "jobs": [column("Name"), column("Completions"), column("Duration"), column("Age"),
             column("Containers", priority=1), column("Images", priority=1), column("Selector", priority=1)],
}


def cells(resource, obj, now):
    if resource == "pods":
        return pod_cells(obj, now)
    if resource == "persistentvolumeclaims":
        return pvc_cells(obj, now)
    if resource == "persistentvolumes":
        return pv_cells(obj, now)
    if resource == "nodes":
        return node_cells(obj, now)
    if resource == "namespaces":
        return [obj["metadata"]["name"], obj["status"]["phase"], age(obj, now)]
    if resource == "events":
        return event_cells(obj, now)
    if resource == "services":
        return services.cells(obj, age(obj, now))
    if resource == "endpoints":
        return [obj["metadata"]["name"], endpoints.format_endpoints(obj), age(obj, now)]
    if resource == "storageclasses":
        default = obj["metadata"].get("annotations", {}).get("storageclass.kubernetes.io/is-default-class") == "true"
        return [obj["metadata"]["name"] + (" (default)" if default else ""), obj["provisioner"],
                obj.get("reclaimPolicy", "Delete"), obj.get("volumeBindingMode", "Immediate"),
                str(obj.get("allowVolumeExpansion", False)).lower(), age(obj, now)]
    return workload_cells(obj["kind"], obj, now)


def table(resource, items, now, include, list_meta):
    rows = []
    for obj in items:
        row = {"cells": cells(resource, obj, now)}
        if include == "Object":
            row["object"] = obj
        elif include != "None":
            row["object"] = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                             "metadata": obj["metadata"]}
        rows.append(row)
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": list_meta,
            "columnDefinitions": COLUMNS[resource], "rows": rows}
