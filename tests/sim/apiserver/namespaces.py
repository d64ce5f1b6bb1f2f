"""Namespace deletion as Kubernetes v1.20 does it, in three parts:

- the registry (pkg/registry/core/namespace/storage/storage.go Delete): the first DELETE sets
  metadata.deletionTimestamp and status.phase Terminating and answers 200 with the namespace,
  spec.finalizers [kubernetes] kept; a DELETE of a namespace already terminating answers it again
  (it still has the finalizer, so it is not removed);
- NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle/admission.go): `default`,
  `kube-system` and `kube-public` may not be deleted (403); nothing may be created in a namespace
  that is terminating (403 `unable to create new content in namespace X because it is being
  terminated`, with the NamespaceTerminating cause); creating the namespace itself again is the
  store's 409, `object is being deleted: namespaces "X" already exists`
  (k8s.io/apiserver pkg/registry/generic/registry/store.go Create);
- the namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go,
  status_condition_utils.go): on its first pass it deletes the namespace's content; pods on a
  node are deleted gracefully (deletionTimestamp 30 s on, so `Terminating`; unscheduled and
  finished pods at once, pkg/registry/core/pod/strategy.go CheckGracefulDelete) and claims keep
  their kubernetes.io/pvc-protection finalizer while those pods exist; the conditions say what
  remains (NamespaceContentRemaining / NamespaceFinalizersRemaining, the three others False).
  On a pass at least DELETION_SECONDS (one second of the simulation's clock, settings.clock) after
  the deletion, kubelet has finished with the pods, the content is gone, the `kubernetes`
  finalizer is removed and so is the namespace."""
import copy, datetime

import api_status
import objects
from sim_state import format_time, parse_time

IMMORTAL = ("default", "kube-system", "kube-public")
DELETION_SECONDS = 1
GRACE_SECONDS = 30
CONDITIONS = (("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
              ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions",
               "All legacy kube types successfully parsed"),
              ("NamespaceDeletionContentFailure", "ContentDeleted",
               "All content successfully deleted, may be waiting on finalization"),
              ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
              ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"))
# The resources of the namespace's content, with the group namespaced_resources_deleter names them by.
GROUPS = {"deployments": "apps", "statefulsets": "apps", "daemonsets": "apps", "replicasets": "apps",
          "jobs": "batch"}


def terminating(ns):
    return ns is not None and ns.get("status", {}).get("phase") == "Terminating"


def delete(state, now, ns):
    """The registry's Delete; returns the answer. Admission's immortal namespaces first."""
    name = ns["metadata"]["name"]
    if name in IMMORTAL:
        return api_status.status(403, "Forbidden", 'namespaces "%s" is forbidden: this namespace may not be deleted'
                                 % name, {"name": name, "kind": "namespaces"})
    if not ns["metadata"].get("deletionTimestamp"):
        ns["metadata"]["deletionTimestamp"] = format_time(now)
        ns["status"]["phase"] = "Terminating"
        ns["metadata"]["resourceVersion"] = objects.next_version(state)
    return 200, copy.deepcopy(ns)


def refuse_create(namespace, group, resource, name):
    """NamespaceLifecycle for a create into a terminating namespace (admission.NewForbidden, with
    the NamespaceTerminating cause)."""
    qualified = resource + ("." + group if group else "")
    target = '%s "%s"' % (qualified, name) if name else qualified
    details = {"name": name, "group": group, "kind": resource,
               "causes": [{"reason": "NamespaceTerminating", "message": "namespace %s is being terminated" % namespace,
                           "field": "metadata.namespace"}]}
    if not name:
        del details["name"]
    if not group:
        del details["group"]
    return api_status.status(403, "Forbidden", "%s is forbidden: unable to create new content in namespace %s "
                                               "because it is being terminated" % (target, namespace), details)


def sync(state, now):
    """The namespace controller's pass over the namespaces being deleted."""
    cluster = state["cluster"]
    for ns in [n for n in cluster.get("namespaces", []) if n["metadata"].get("deletionTimestamp")]:
        name = ns["metadata"]["name"]
        deleted_at = parse_time(ns["metadata"]["deletionTimestamp"])
        done = now >= deleted_at + datetime.timedelta(seconds=DELETION_SECONDS)
        remaining, finalizers = delete_content(state, name, now, done)
        if done:
            cluster["namespaces"].remove(ns)
            objects.next_version(state)
            continue
        update_conditions(state, ns, remaining, finalizers, now)


def delete_content(state, namespace, now, done):
    """Deletes what the namespace holds; returns ({resource: count} remaining, {finalizer: count})."""
    cluster = state["cluster"]
    remaining, finalizers = {}, {}
    for resource, items in cluster.items():
        if resource == "namespaces" or not isinstance(items, list):
            continue
        keep = []
        for o in items:
            if o.get("metadata", {}).get("namespace") != namespace:
                keep.append(o)
                continue
            if not done and resource == "pods" and o["spec"].get("nodeName") and \
                    o["status"].get("phase") not in ("Succeeded", "Failed"):
                if not o["metadata"].get("deletionTimestamp"):
                    grace = o["spec"].get("terminationGracePeriodSeconds", GRACE_SECONDS)
                    o["metadata"]["deletionTimestamp"] = format_time(now + datetime.timedelta(seconds=grace))
                    o["metadata"]["deletionGracePeriodSeconds"] = grace
                    o["metadata"]["resourceVersion"] = objects.next_version(state)
                keep.append(o)
                remaining[resource] = remaining.get(resource, 0) + 1
                continue
            if not done and resource == "persistentvolumeclaims" and o["metadata"].get("finalizers"):
                if not o["metadata"].get("deletionTimestamp"):
                    o["metadata"]["deletionTimestamp"] = format_time(now)
                    o["metadata"]["deletionGracePeriodSeconds"] = 0
                    o["metadata"]["resourceVersion"] = objects.next_version(state)
                keep.append(o)
                remaining[resource] = remaining.get(resource, 0) + 1
                for f in o["metadata"]["finalizers"]:
                    finalizers[f] = finalizers.get(f, 0) + 1
                continue
            objects.next_version(state)
        items[:] = keep
    return remaining, finalizers


def update_conditions(state, ns, remaining, finalizers, now):
    """status_condition_utils.go updateConditions: each of the five conditions, its failure form
    when something remains, the "ok" form otherwise; lastTransitionTime moves with the status."""
    wanted = {}
    for kind, reason, message in CONDITIONS:
        wanted[kind] = ("False", reason, message)
    if remaining:
        wanted["NamespaceContentRemaining"] = ("True", "SomeResourcesRemain", "Some resources are remaining: %s" % ", ".join(
            sorted("%s.%s has %d resource instances" % (r, GROUPS.get(r, ""), n) for r, n in remaining.items())))
    if finalizers:
        wanted["NamespaceFinalizersRemaining"] = ("True", "SomeFinalizersRemain",
                                                  "Some content in the namespace has finalizers remaining: %s" %
                                                  ", ".join(sorted("%s in %d resource instances" % (f, n)
                                                                   for f, n in finalizers.items())))
    conditions = ns["status"].setdefault("conditions", [])
    changed = False
    for kind, _, _ in CONDITIONS:
        status, reason, message = wanted[kind]
        old = next((c for c in conditions if c["type"] == kind), None)
        if old is None:
            conditions.append({"type": kind, "status": status, "lastTransitionTime": format_time(now),
                               "reason": reason, "message": message})
            changed = True
        elif (old["status"], old["reason"], old["message"]) != (status, reason, message):
            if old["status"] != status:
                old["lastTransitionTime"] = format_time(now)
            old.update(status=status, reason=reason, message=message)
            changed = True
    if changed:
        ns["metadata"]["resourceVersion"] = objects.next_version(state)
