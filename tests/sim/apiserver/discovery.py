"""The resources the simulated API serves and its discovery documents (/version, /api, /apis,
/api/v1, /apis/GROUP/VERSION), shaped as kube-apiserver v1.20.2 answers them (meta/v1
APIVersions, APIGroupList, APIResourceList; the version is the one the seed's cluster ran).
Optional fields nothing reads (storageVersionHash) are left out rather than invented."""

VERSION = {"major": "1", "minor": "20", "gitVersion": "v1.20.2", "gitCommit": "faecb196815e248d3ecfb03c680a4507229c2a56",
           "gitTreeState": "clean", "buildDate": "2021-01-13T13:20:00Z", "goVersion": "go1.15.5", "compiler": "gc",
           "platform": "linux/amd64"}

VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
# Services had no deletecollection before v1.23 (pkg/registry/core/service/storage/rest.go).
VERBS_BY_RESOURCE = {"services": ["create", "delete", "get", "list", "patch", "update", "watch"]}

# Subresources served, listed after their resource as kube-apiserver lists them (pods/log,
# pod_logs.py; the scale subresources, scale.py): (group, version) -> [(name, kind, namespaced, verbs)].
SUBRESOURCES = {("", "v1"): [("pods/log", "Pod", True, ["get"])],
                ("apps", "v1"): [("deployments/scale", "Scale", True, ["get", "patch", "update"]),
                                 ("statefulsets/scale", "Scale", True, ["get", "patch", "update"]),
                                 ("replicasets/scale", "Scale", True, ["get", "patch", "update"])]}

# (group, version) -> [(resource, kind, namespaced, short names, categories)]
RESOURCES = {
    ("", "v1"): [("namespaces", "Namespace", False, ["ns"], []),
                 ("nodes", "Node", False, ["no"], []),
                 ("pods", "Pod", True, ["po"], ["all"]),
                 ("persistentvolumeclaims", "PersistentVolumeClaim", True, ["pvc"], []),
                 ("persistentvolumes", "PersistentVolume", False, ["pv"], []),
                 ("services", "Service", True, ["svc"], ["all"]),
                 ("endpoints", "Endpoints", True, ["ep"], []),
                 ("events", "Event", True, ["ev"], [])],
    ("apps", "v1"): [("deployments", "Deployment", True, ["deploy"], ["all"]),
                     ("statefulsets", "StatefulSet", True, ["sts"], ["all"]),
                     ("daemonsets", "DaemonSet", True, ["ds"], ["all"]),
                     ("replicasets", "ReplicaSet", True, ["rs"], ["all"])],
    ("batch", "v1"): [("jobs", "Job", True, [], ["all"])],
    ("storage.k8s.io", "v1"): [("storageclasses", "StorageClass", False, ["sc"], [])],
}


def lookup(group, version, resource):
    for name, kind, namespaced, _, _ in RESOURCES.get((group, version), []):
        if name == resource:
            return kind, namespaced
    return None


def api_versions():
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "192.168.49.2:8443"}]}


def api_groups():
    groups = []
    for (group, version) in RESOURCES:
        if group:
            gv = {"groupVersion": "%s/%s" % (group, version), "version": version}
            groups.append({"name": group, "versions": [gv], "preferredVersion": gv})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_group(group):
    for (g, version) in RESOURCES:
        if g == group:
            gv = {"groupVersion": "%s/%s" % (group, version), "version": version}
            return {"kind": "APIGroup", "apiVersion": "v1", "name": group, "versions": [gv], "preferredVersion": gv}
    return None


def resource_list(group, version):
    if (group, version) not in RESOURCES:
        return None
    resources = []
    for name, kind, namespaced, short, categories in RESOURCES[(group, version)]:
        r = {"name": name, "singularName": "", "namespaced": namespaced, "kind": kind,
             "verbs": VERBS_BY_RESOURCE.get(name, VERBS)}
        if short:
            r["shortNames"] = short
        if categories:
            r["categories"] = categories
        resources.append(r)
        for sub, sub_kind, sub_namespaced, verbs in SUBRESOURCES.get((group, version), []):
            if sub.split("/")[0] == name:
                r = {"name": sub, "singularName": "", "namespaced": sub_namespaced, "kind": sub_kind, "verbs": verbs}
                if sub_kind == "Scale":
                    r.update(group="autoscaling", version="v1")
                resources.append(r)
    gv = "%s/%s" % (group, version) if group else version
    return {"kind": "APIResourceList", "groupVersion": gv, "resources": resources}
