"""Builders for Kubernetes v1.20 objects, shaped as `kubectl get -o json` shows them on a
minikube v1.20.0 / Kubernetes v1.20.2 cluster (Kubernetes API reference v1.20: Pod, PVC, PV,
Event, Namespace, Node, StorageClass, apps/v1 workloads, batch/v1 Job), with the defaults the
apiserver fills in (dnsPolicy, schedulerName, the default-token volume, the not-ready/unreachable
tolerations the DefaultTolerationSeconds admission plugin adds, ...). managedFields are left out,
as kubectl 1.20's `get -o json` shows them but nothing reads them.

Scenarios give objects in a compact form (tests/sim/scenarios/*.json); these expand them."""
import uuid

from sim_state import format_time

SIM_NS = uuid.UUID("6d0d3a2e-9f6b-4d0e-8a59-5d1c7c1e0b20")
NODE_NAME = "minikube"
NODE_IP = "192.168.49.2"


def uid(*parts):
    """Deterministic UIDs keep golden output stable."""
    return str(uuid.uuid5(SIM_NS, "/".join(str(p) for p in parts)))


def next_version(state):
    sim = state.setdefault("sim", {})
    sim["resource_version"] = sim.get("resource_version", 1000) + 1
    return str(sim["resource_version"])


def meta(state, name, namespace, created, kind, labels=None, annotations=None, owner=None, generation=0):
    m = {"name": name, "uid": uid(kind, namespace or "", name, generation), "resourceVersion": next_version(state),
         "creationTimestamp": format_time(created)}
    if namespace:
        m["namespace"] = namespace
    if labels:
        m["labels"] = dict(labels)
    if annotations:
        m["annotations"] = dict(annotations)
    if owner:
        m["ownerReferences"] = [{"apiVersion": owner.get("apiVersion", "apps/v1"), "kind": owner["kind"],
                                 "name": owner["name"],
                                 "uid": owner.get("uid") or uid(owner["kind"], namespace, owner["name"], 0),
                                 "controller": True, "blockOwnerDeletion": True}]
    return m


# k8s.io/apimachinery/pkg/util/rand: what generateName appends (vowels and look-alikes left out).
NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


def name_suffix(*parts):
    """The 5 characters SimpleNameGenerator appends to a generateName, derived rather than random."""
    digest = int(uid("suffix", *parts).replace("-", ""), 16)
    return "".join(NAME_ALPHABET[(digest >> (5 * i)) % len(NAME_ALPHABET)] for i in range(5))


def token_name(namespace, service_account):
    return "%s-token-%s" % (service_account, uid("token", namespace, service_account)[:5])


def pod(state, spec, created, generation=0):
    """spec: {name, namespace, labels?, annotations?, owner?, containers: [{name, image, pull?,
    command?, args?, ports?, env?}], claims?: {volume: claim}, service_account?, priority_class?,
    restart_policy?}."""
    ns = spec.get("namespace", "default")
    sa = spec.get("service_account", "default")
    token = token_name(ns, sa)
    volumes = [{"name": vol, "persistentVolumeClaim": {"claimName": claim}}
               for vol, claim in sorted(spec.get("claims", {}).items())]
    volumes.append({"name": token, "secret": {"secretName": token, "defaultMode": 420}})
    containers = []
    for c in spec["containers"]:
        tag = c["image"].rsplit("/", 1)[-1]
        policy = c.get("pull") or ("Always" if ":" not in tag or tag.endswith(":latest") else "IfNotPresent")
        container = {"name": c["name"], "image": c["image"], "resources": c.get("resources", {}),
                     "volumeMounts": [{"name": vol, "mountPath": mount} for vol, mount in
                                      sorted(c.get("mounts", {}).items())] +
                                     [{"name": token, "readOnly": True,
                                       "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
                     "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                     "imagePullPolicy": policy}
        for key in ("command", "args", "ports", "env"):
            if c.get(key):
                container[key] = [dict(v) if isinstance(v, dict) else v for v in c[key]]
        containers.append(container)
    priority_class = spec.get("priority_class")
    body = {
        "kind": "Pod", "apiVersion": "v1",
        "metadata": meta(state, spec["name"], ns, created, "Pod", spec.get("labels"), spec.get("annotations"),
                         spec.get("owner"), generation),
        "spec": {"volumes": volumes, "containers": containers,
                 "restartPolicy": spec.get("restart_policy") or "Always",
                 "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "serviceAccountName": sa,
                 "serviceAccount": sa, "securityContext": {}, "schedulerName": "default-scheduler",
                 "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                                  "tolerationSeconds": 300},
                                 {"key": "node.kubernetes.io/unreachable", "operator": "Exists",
                                  "effect": "NoExecute", "tolerationSeconds": 300}],
                 "priority": 2000001000 if priority_class == "system-node-critical" else
                             2000000000 if priority_class == "system-cluster-critical" else 0,
                 "enableServiceLinks": True, "preemptionPolicy": "PreemptLowerPriority"},
        "status": {"phase": "Pending", "qosClass": qos_class(containers)},
    }
    if priority_class:
        body["spec"]["priorityClassName"] = priority_class
    if spec.get("host_network"):
        body["spec"]["hostNetwork"] = True
    if spec.get("generate_name"):
        body["metadata"]["generateName"] = spec["generate_name"]
    return body


def qos_class(containers):
    """pkg/apis/core/v1/helper/qos: no requests or limits at all is BestEffort."""
    if all(not c.get("resources") for c in containers):
        return "BestEffort"
    if all(c.get("resources", {}).get("limits") and c["resources"].get("limits") == c["resources"].get("requests")
           for c in containers):
        return "Guaranteed"
    return "Burstable"


def pvc(state, spec, created, generation=0):
    """spec: {name, namespace, labels?, storage_class?, size?, access_modes?}."""
    ns = spec.get("namespace", "default")
    body = {
        "kind": "PersistentVolumeClaim", "apiVersion": "v1",
        "metadata": meta(state, spec["name"], ns, created, "PersistentVolumeClaim", spec.get("labels"),
                         spec.get("annotations"), generation=generation),
        "spec": {"accessModes": spec.get("access_modes", ["ReadWriteOnce"]),
                 "resources": {"requests": {"storage": spec.get("size", "8Gi")}},
                 "storageClassName": spec.get("storage_class", "standard"), "volumeMode": "Filesystem"},
        "status": {"phase": "Pending"},
    }
    body["metadata"]["finalizers"] = ["kubernetes.io/pvc-protection"]
    return body


def pv_for(state, claim, provisioner, created):
    """What k8s.io/minikube-hostpath (minikube's storage-provisioner, pkg/storage) creates."""
    name = "pvc-" + claim["metadata"]["uid"]
    ns = claim["metadata"]["namespace"]
    return {
        "kind": "PersistentVolume", "apiVersion": "v1",
        "metadata": dict(meta(state, name, None, created, "PersistentVolume"),
                         annotations={"hostPathProvisionerIdentity": uid("provisioner")[:36],
                                      "pv.kubernetes.io/provisioned-by": provisioner},
                         finalizers=["kubernetes.io/pv-protection"]),
        "spec": {"capacity": {"storage": claim["spec"]["resources"]["requests"]["storage"]},
                 "hostPath": {"path": "/tmp/hostpath-provisioner/%s/%s" % (ns, claim["metadata"]["name"]), "type": ""},
                 "accessModes": claim["spec"]["accessModes"],
                 "claimRef": {"kind": "PersistentVolumeClaim", "namespace": ns, "name": claim["metadata"]["name"],
                              "uid": claim["metadata"]["uid"], "apiVersion": "v1",
                              "resourceVersion": claim["metadata"]["resourceVersion"]},
                 "persistentVolumeReclaimPolicy": "Delete",
                 "storageClassName": claim["spec"]["storageClassName"], "volumeMode": "Filesystem"},
        "status": {"phase": "Bound"},
    }


def namespace(state, name, created, labels=None, annotations=None, generation=0):
    """pkg/registry/core/namespace/strategy.go PrepareForCreate: status.phase Active and the
    `kubernetes` finalizer in spec.finalizers."""
    return {"kind": "Namespace", "apiVersion": "v1",
            "metadata": meta(state, name, None, created, "Namespace", labels, annotations, generation=generation),
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


# Per container runtime: the Node's containerRuntimeVersion and kubeadm's cri-socket annotation
# (kicbase v0.0.22: Docker 20.10.6, containerd.io 1.4.4, cri-o 1.20; minikube v1.20.0
# pkg/minikube/cruntime SocketPath: /var/run/dockershim.sock, /run/containerd/containerd.sock,
# /var/run/crio/crio.sock).
RUNTIMES = {"docker": ("docker://20.10.6", "/var/run/dockershim.sock"),
            "containerd": ("containerd://1.4.4", "/run/containerd/containerd.sock"),
            "crio": ("cri-o://1.20.2", "/var/run/crio/crio.sock")}


def node_ip(state, name):
    return next((n.get("ip", NODE_IP) for n in state.get("nodes", []) if n["name"] == name), NODE_IP)


def node(state, spec, created):
    """A minikube node as the docker driver reports it (kubelet v1.20.2). spec: name (machine
    name, default minikube), index (0 = control plane), ip, runtime, cpus, memory, pressure.
    Only the control plane has the node-role labels and minikube's own labels: minikube labels
    the nodes there are when the control plane comes up (`kubectl label nodes ... --all`,
    bootstrapper/kubeadm applyNodeLabels, v1.20.0), before workers join."""
    name = spec.get("name", NODE_NAME)
    index = spec.get("index", 0)
    ip = spec.get("ip", "192.168.49.%d" % (2 + index))
    runtime_version, socket = RUNTIMES[spec.get("runtime", "docker")]
    pressure = set(spec.get("pressure", []))
    cond = []
    for kind, reason_ok, msg_ok, reason_bad, msg_bad in (
            ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
             "KubeletHasInsufficientMemory", "kubelet has insufficient memory available"),
            ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
             "KubeletHasDiskPressure", "kubelet has disk pressure"),
            ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
             "KubeletHasInsufficientPID", "kubelet has insufficient PID available")):
        bad = kind in pressure
        cond.append({"type": kind, "status": "True" if bad else "False", "lastHeartbeatTime": format_time(created),
                     "lastTransitionTime": format_time(created), "reason": reason_bad if bad else reason_ok,
                     "message": msg_bad if bad else msg_ok})
    cond.append({"type": "Ready", "status": "True", "lastHeartbeatTime": format_time(created),
                 "lastTransitionTime": format_time(created), "reason": "KubeletReady",
                 "message": "kubelet is posting ready status"})
    taints = [{"key": "node.kubernetes.io/%s-pressure" % p.replace("Pressure", "").lower(), "effect": "NoSchedule",
               "timeAdded": format_time(created)} for p in sorted(pressure)]
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
    if index == 0:
        labels.update({"minikube.k8s.io/name": "minikube",
                       "minikube.k8s.io/version": spec.get("minikube_version", "v1.20.0"),
                       "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/master": ""})
    capacity = {"cpu": str(spec.get("cpus", 1)), "ephemeral-storage": "61255492Ki", "hugepages-2Mi": "0",
                "memory": spec.get("memory", "1877276Ki"), "pods": "110"}
    cidr = "10.244.%d.0/24" % index
    body = {"kind": "Node", "apiVersion": "v1", "metadata": meta(state, name, None, created, "Node", labels),
            "spec": {"podCIDR": cidr, "podCIDRs": [cidr]},
            "status": {"capacity": capacity, "allocatable": dict(capacity), "conditions": cond,
                       "addresses": [{"type": "InternalIP", "address": ip},
                                     {"type": "Hostname", "address": name}],
                       "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                       "nodeInfo": {"machineID": uid("machine", *([name] if index else [])).replace("-", ""),
                                    "systemUUID": uid("system", *([name] if index else [])),
                                    "bootID": uid("boot", *([name] if index else [])),
                                    "kernelVersion": "4.15.0-112-generic",
                                    "osImage": "Ubuntu 20.04.2 LTS", "containerRuntimeVersion": runtime_version,
                                    "kubeletVersion": "v1.20.2", "kubeProxyVersion": "v1.20.2",
                                    "operatingSystem": "linux", "architecture": "amd64"}}}
    body["metadata"]["annotations"] = {"kubeadm.alpha.kubernetes.io/cri-socket": socket,
                                       "node.alpha.kubernetes.io/ttl": "0",
                                       "volumes.kubernetes.io/controller-managed-attach-detach": "true"}
    if taints:
        body["spec"]["taints"] = taints
    return body


def storage_class(state, created):
    """minikube's default-storageclass addon (deploy/addons/storageclass/storageclass.yaml.tmpl)."""
    return {"kind": "StorageClass", "apiVersion": "storage.k8s.io/v1",
            "metadata": dict(meta(state, "standard", None, created, "StorageClass",
                                  {"addonmanager.kubernetes.io/mode": "EnsureExists"}),
                             annotations={"storageclass.kubernetes.io/is-default-class": "true"}),
            "provisioner": "k8s.io/minikube-hostpath", "reclaimPolicy": "Delete",
            "volumeBindingMode": "Immediate"}


def workload(state, spec, created):
    """spec: {kind: Deployment|StatefulSet|DaemonSet|ReplicaSet|Job, name, namespace, labels?,
    replicas?, containers, claim_templates?: [{name, size}]}; status is filled by the controllers."""
    kind = spec["kind"]
    ns = spec.get("namespace", "default")
    api = "batch/v1" if kind == "Job" else "apps/v1"
    labels = spec.get("labels", {})
    selector = spec.get("selector", labels)
    template = {"metadata": {"creationTimestamp": None, "labels": dict(selector)},
                "spec": {"containers": [{"name": c["name"], "image": c["image"], "resources": {},
                                         "terminationMessagePath": "/dev/termination-log",
                                         "terminationMessagePolicy": "File",
                                         "imagePullPolicy": c.get("pull", "IfNotPresent")}
                                        for c in spec["containers"]],
                         "restartPolicy": "Never" if kind == "Job" else "Always",
                         "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "securityContext": {},
                         "schedulerName": "default-scheduler"}}
    body = {"kind": kind, "apiVersion": api,
            "metadata": dict(meta(state, spec["name"], ns, created, kind, labels), generation=1),
            "spec": {"selector": {"matchLabels": dict(selector)}, "template": template}, "status": {}}
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        body["spec"]["replicas"] = spec.get("replicas", 1)
    if kind == "StatefulSet":
        body["spec"]["serviceName"] = spec.get("service_name", spec["name"] + "-headless")
        body["spec"]["podManagementPolicy"] = "OrderedReady"
        body["spec"]["updateStrategy"] = {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
        body["spec"]["volumeClaimTemplates"] = [
            {"kind": "PersistentVolumeClaim", "apiVersion": "v1",
             "metadata": {"name": t["name"], "creationTimestamp": None, "labels": dict(selector)},
             "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": t.get("size", "8Gi")}},
                      "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}}
            for t in spec.get("claim_templates", [])]
    if kind == "Deployment":
        body["spec"]["strategy"] = {"type": "RollingUpdate",
                                    "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}
    if kind == "Job":
        body["spec"] = {"parallelism": 1, "completions": 1, "backoffLimit": 6,
                        "selector": {"matchLabels": {"controller-uid": body["metadata"]["uid"]}},
                        "template": template}
    return body


def event(state, involved, reason, message, kind, component, first, count=1, last=None):
    """A core/v1 Event as the kubelet, scheduler and controllers of v1.20 record them: named
    <object>.<hex>, first/lastTimestamp set, eventTime null, reportingComponent empty."""
    md = involved["metadata"]
    name = "%s.%s" % (md["name"], uid("event", md.get("namespace", ""), md["name"], reason, message)[:16]
                      .replace("-", "")[:16])
    ref = {"kind": involved["kind"], "namespace": md.get("namespace", "default"), "name": md["name"],
           "uid": md["uid"], "apiVersion": involved["apiVersion"], "resourceVersion": md["resourceVersion"]}
    if involved["kind"] == "Pod" and reason in ("Pulling", "Pulled", "Failed", "BackOff", "Created", "Started"):
        ref["fieldPath"] = "spec.containers{%s}" % involved["spec"]["containers"][0]["name"]
    source = {"component": component}
    if component == "kubelet":
        source["host"] = (involved.get("spec") or {}).get("nodeName") or NODE_NAME
    return {"kind": "Event", "apiVersion": "v1",
            "metadata": {"name": name, "namespace": md.get("namespace", "default"),
                         "uid": uid("event-uid", name), "resourceVersion": next_version(state),
                         "creationTimestamp": format_time(first)},
            "involvedObject": ref, "reason": reason, "message": message, "source": source,
            "firstTimestamp": format_time(first), "lastTimestamp": format_time(last or first), "count": count,
            "type": kind, "eventTime": None, "reportingComponent": "", "reportingInstance": ""}
