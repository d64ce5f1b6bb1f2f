"""A pod made from a controller's pod template, as kube-apiserver v1.20 stores it: the controller's
part is pkg/controller/controller_utils.go GetPodFromTemplate (the template's labels, annotations,
finalizers and spec, generateName `<owner>-`, a controller ownerReference); the apiserver then
fills in what it fills in for any posted pod (objects.pod: pkg/apis/core/v1/defaults.go, the
ServiceAccount admission plugin's token volume and mounts, DefaultTolerationSeconds' not-ready and
unreachable tolerations, Priority's priority and preemptionPolicy).

Unlike the compact form objects.pod takes, everything the template says is kept (args, env,
ports, volumes, nodeSelector...), so that what a Deployment's pod runs (pod_logs.py) and serves
(endpoints.py) is what its template says."""
import copy

import objects

DEFAULT_TOLERATION_KEYS = ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")


def pod_from_template(state, template, namespace, name, generate_name, owner, created, seed):
    """owner: {apiVersion, kind, name, uid}; seed keeps the pod's UID unique and repeatable."""
    md = template.get("metadata") or {}
    spec = copy.deepcopy(template.get("spec") or {})
    service_account = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    pod = objects.pod(state, {"name": name, "namespace": namespace, "labels": md.get("labels"),
                              "annotations": md.get("annotations"), "owner": owner,
                              "service_account": service_account, "restart_policy": spec.get("restartPolicy"),
                              "priority_class": spec.get("priorityClassName"),
                              "host_network": spec.get("hostNetwork"), "generate_name": generate_name,
                              "containers": [{"name": c["name"], "image": c["image"],
                                              "pull": c.get("imagePullPolicy")} for c in spec["containers"]]},
                      created, seed)
    if md.get("finalizers"):
        pod["metadata"]["finalizers"] = list(md["finalizers"])
    token_volume = pod["spec"]["volumes"][-1]
    token_mount = pod["spec"]["containers"][0]["volumeMounts"][-1]
    stored = pod["spec"]
    for key, value in spec.items():
        if key not in ("containers", "initContainers", "volumes", "tolerations"):
            stored[key] = value
    for key in ("containers", "initContainers"):
        if spec.get(key):
            stored[key] = [dict(c, volumeMounts=list(c.get("volumeMounts", [])) + [dict(token_mount)])
                           for c in spec[key]]
    stored["volumes"] = list(spec.get("volumes", [])) + [token_volume]
    tolerations = list(spec.get("tolerations", []))
    for default in pod["spec"]["tolerations"]:
        if not any(t.get("key") == default["key"] for t in tolerations):
            tolerations.append(default)
    stored["tolerations"] = tolerations
    stored["serviceAccountName"] = stored["serviceAccount"] = service_account
    pod["status"]["qosClass"] = objects.qos_class(stored["containers"])
    return pod
