"""POST of any served resource, in the order kube-apiserver v1.20 checks a create
(k8s.io/apiserver pkg/registry/generic/registry/store.go Create): the name (generateName
expanded, else 422 Invalid from BeforeCreate's validation), then validating admission
(NamespaceLifecycle: 404 `namespaces "x" not found` for a namespace that does not exist, 403
for one being deleted, namespaces.py), then storage (409 AlreadyExists; `object is being
deleted: ...` when the object in the way is being deleted). A posted Deployment or ReplicaSet is
then run by the deployment and replicaset controllers (deployments.py). The stored object gets the server-set metadata (uid,
resourceVersion, creationTimestamp; generation 1 where the resource's strategy sets it: apps/v1
workloads and Jobs) and each resource's defaults; pods, claims, services, namespaces and jobs
have their own builders (objects.py, services.py, jobs.py), the rest keep what was posted.

The answer is the object as stored, before the controllers act on it (they run right after, so
the next request sees the pod scheduled, the claim provisioned, the job's pod made)."""
import copy

import api_status
import controllers
import deployments
import jobs
import namespaces
import objects
import services

# Strategies whose PrepareForCreate sets metadata.generation = 1 and clears status
# (pkg/registry/apps/*/strategy.go, pkg/registry/batch/job/strategy.go).
GENERATION_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job")


def create(state, now, group, version, resource, kind, namespaced, namespace, doc):
    md = doc.get("metadata") or {}
    ns = None
    if namespaced:
        ns = namespace or md.get("namespace") or "default"
        if md.get("namespace") and md["namespace"] != ns:
            return api_status.status(400, "BadRequest", "the namespace of the provided object does not match the "
                                                        "namespace sent on the request")
    items = state["cluster"].setdefault(resource, [])
    name = md.get("name")
    if not name and md.get("generateName"):
        name = md["generateName"] + objects.name_suffix(md["generateName"], ns, len(items),
                                                         state["sim"].get("resource_version", 0))
    if not name:
        return api_status.invalid(group, kind, "", [("Required value: name or generateName is required",
                                                     "metadata.name", "FieldValueRequired")])
    problem = jobs.restart_policy_problem(doc) if kind == "Job" else None
    if kind in GENERATION_KINDS and kind != "Job" and not doc.get("spec", {}).get("selector"):
        problem = ("Required value", "spec.selector", "FieldValueRequired")
    if problem:
        return api_status.invalid(group, kind, name, [problem])
    if ns is not None and controllers.find(state, "namespaces", None, ns) is None:
        return api_status.status(404, "NotFound", 'namespaces "%s" not found' % ns,
                                 {"name": ns, "kind": "namespaces"})
    if ns is not None and namespaces.terminating(controllers.find(state, "namespaces", None, ns)):
        # NamespaceLifecycle names the object as the request did (a generateName is not expanded yet).
        return namespaces.refuse_create(ns, group, resource, md.get("name", ""))
    existing = next((o for o in items if o["metadata"]["name"] == name and o["metadata"].get("namespace") == ns), None)
    if existing is not None:
        code, body = api_status.already_exists(group, resource, name)
        if existing["metadata"].get("deletionTimestamp"):
            # store.go Create: the object in the way is being deleted (a terminating namespace).
            body["message"] = "object is being deleted: " + body["message"]
        return code, body
    doc = copy.deepcopy(doc)
    doc.setdefault("metadata", {})["name"] = name
    # A name used again is a new object with a new UID (the counter keeps runs deterministic).
    generation = "created-%d" % state["sim"].get("resource_version", 0)
    obj = build(state, now, resource, kind, "%s/%s" % (group, version) if group else version, ns, doc, generation)
    items.append(obj)
    deployments.adopt(state, obj)  # a posted Deployment or ReplicaSet is the controllers' to run
    answer = copy.deepcopy(obj)
    controllers.reconcile(state, now)
    return 201, answer


def build(state, now, resource, kind, api_version, ns, doc, generation):
    md, spec = doc["metadata"], doc.get("spec", {})
    if resource == "pods":
        compact = {"name": md["name"], "namespace": ns, "labels": md.get("labels"),
                   "annotations": md.get("annotations"), "generate_name": md.get("generateName"),
                   "restart_policy": spec.get("restartPolicy"),
                   "service_account": spec.get("serviceAccountName", "default"),
                   "containers": [{"name": c["name"], "image": c["image"], "pull": c.get("imagePullPolicy"),
                                   "command": c.get("command"), "args": c.get("args"), "env": c.get("env"),
                                   "ports": [dict(p, protocol=p.get("protocol", "TCP")) for p in c.get("ports", [])],
                                   "resources": c.get("resources", {})}
                                  for c in spec.get("containers", [])],
                   "claims": {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in spec.get("volumes", [])
                              if "persistentVolumeClaim" in v}}
        return objects.pod(state, compact, now, generation)
    if resource == "persistentvolumeclaims":
        compact = {"name": md["name"], "namespace": ns, "labels": md.get("labels"),
                   "annotations": md.get("annotations"),
                   "storage_class": spec.get("storageClassName", "standard"),
                   "size": spec.get("resources", {}).get("requests", {}).get("storage", "1Gi"),
                   "access_modes": spec.get("accessModes", ["ReadWriteOnce"])}
        return objects.pvc(state, compact, now, generation)
    if resource == "services":
        return services.service(state, doc, ns, now, generation)
    if resource == "namespaces":
        return objects.namespace(state, md["name"], now, md.get("labels"), md.get("annotations"), generation)
    if resource == "jobs":
        return jobs.job(state, doc, ns, now, generation)
    return generic(state, now, kind, api_version, ns, doc, generation)


def generic(state, now, kind, api_version, ns, doc, generation):
    """What was posted, with the server-set metadata and the defaults the tables and
    controllers read (pkg/apis/apps/v1/defaults.go, pkg/apis/storage/v1/defaults.go,
    pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolume). Deployments and ReplicaSets are
    then run by deployments.py; no controller makes pods for a created StatefulSet or DaemonSet."""
    md = doc["metadata"]
    obj = copy.deepcopy(doc)
    obj["kind"], obj["apiVersion"] = kind, api_version
    meta = objects.meta(state, md["name"], ns, now, kind, md.get("labels"), md.get("annotations"),
                        generation=generation)
    for key in ("finalizers", "ownerReferences", "generateName"):
        if key in md:
            meta[key] = md[key]
    obj["metadata"] = meta
    if kind in GENERATION_KINDS:
        spec = obj.setdefault("spec", {})
        meta["generation"] = 1
        obj["status"] = {}
        jobs.template_defaults(spec.setdefault("template", {}))
        if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
            spec.setdefault("replicas", 1)
        if kind in ("Deployment", "StatefulSet", "DaemonSet"):
            spec.setdefault("revisionHistoryLimit", 10)
        if kind == "Deployment":
            # SetDefaults_Deployment: a strategy without a type (kubectl create deployment posts
            # `strategy: {}`) is RollingUpdate, whose parameters default to 25%.
            strategy = spec.setdefault("strategy", {})
            strategy.setdefault("type", "RollingUpdate")
            if strategy["type"] == "RollingUpdate":
                rolling = strategy.setdefault("rollingUpdate", {})
                rolling.setdefault("maxUnavailable", "25%")
                rolling.setdefault("maxSurge", "25%")
            spec.setdefault("progressDeadlineSeconds", 600)
        if kind == "StatefulSet":
            spec.setdefault("podManagementPolicy", "OrderedReady")
            spec.setdefault("updateStrategy", {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}})
        if kind == "DaemonSet":
            spec.setdefault("updateStrategy", {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}})
    elif kind == "StorageClass":
        obj.setdefault("reclaimPolicy", "Delete")
        obj.setdefault("volumeBindingMode", "Immediate")
    elif kind == "PersistentVolume":
        spec = obj.setdefault("spec", {})
        spec.setdefault("persistentVolumeReclaimPolicy", "Retain")
        spec.setdefault("volumeMode", "Filesystem")
        obj["status"] = {"phase": "Pending"}
    return obj
