"""The scale subresource of Deployments, ReplicaSets and StatefulSets (`kubectl scale`): an
autoscaling/v1 Scale as pkg/registry/apps/deployment/storage/storage.go ScaleREST (and the
replicaset and statefulset ones) answer it: spec.replicas from the object, status.replicas and the
selector (as a label-selector string) from its status and spec. GET reads it; PATCH (a merge
patch, what kubectl 1.20 sends) and PUT set spec.replicas, which moves the object's generation."""
import api_status
import objects

RESOURCES = ("deployments", "replicasets", "statefulsets")


def scale_of(obj):
    md = obj["metadata"]
    selector = ",".join("%s=%s" % kv for kv in sorted(obj["spec"].get("selector", {}).get("matchLabels", {}).items()))
    return {"kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": {"name": md["name"], "namespace": md["namespace"], "uid": md["uid"],
                         "resourceVersion": md["resourceVersion"], "creationTimestamp": md["creationTimestamp"]},
            "spec": {"replicas": obj["spec"].get("replicas", 1)},
            "status": {"replicas": obj.get("status", {}).get("replicas", 0), "selector": selector}}


def serve(state, method, obj, doc, merge_patch):
    if method == "GET":
        return 200, scale_of(obj)
    if method not in ("PATCH", "PUT"):
        return api_status.status(405, "MethodNotAllowed",
                                 "the server does not allow this method on the requested resource")
    wanted = scale_of(obj)
    if method == "PATCH":
        merge_patch(wanted, doc)
    else:
        wanted["spec"] = dict(doc.get("spec") or {})
    replicas = wanted.get("spec", {}).get("replicas")
    if not isinstance(replicas, int) or replicas < 0:
        return api_status.invalid("autoscaling", "Scale", obj["metadata"]["name"], [
            ("Invalid value: %s: must be greater than or equal to 0" % replicas, "spec.replicas", "FieldValueInvalid")])
    if replicas != obj["spec"].get("replicas", 1):
        obj["spec"]["replicas"] = replicas
        obj["metadata"]["generation"] = obj["metadata"].get("generation", 1) + 1
    obj["metadata"]["resourceVersion"] = objects.next_version(state)
    return 200, scale_of(obj)
