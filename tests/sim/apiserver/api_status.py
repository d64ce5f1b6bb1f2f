"""meta/v1 Status bodies for failures, worded as kube-apiserver v1.20 words them
(k8s.io/apimachinery/pkg/api/errors: NewNotFound, NewAlreadyExists, NewInvalid, NewBadRequest)."""


def status(code, reason, message, details=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
            "reason": reason}
    if details:
        body["details"] = details
    body["code"] = code  # meta/v1 Status field order, as the apiserver's JSON has it
    return code, body


def qualified(group, resource):
    """schema.GroupResource.String(): `deployments.apps`, or `pods` for the core group."""
    return resource + ("." + group if group else "")


def not_found(group, resource, name):
    details = {"name": name, "kind": resource}
    if group:
        details["group"] = group
    return status(404, "NotFound", '%s "%s" not found' % (qualified(group, resource), name), details)


def already_exists(group, resource, name):
    details = {"name": name, "kind": resource}
    if group:
        details["group"] = group
    return status(409, "AlreadyExists", '%s "%s" already exists' % (qualified(group, resource), name), details)


def invalid(group, kind, name, causes):
    """causes: [(message, field, reason)]; NewInvalid words one cause `KIND "NAME" is invalid:
    FIELD: MESSAGE` and several as a bracketed list."""
    qualified_kind = kind + ("." + group if group else "")
    texts = ["%s: %s" % (field, message) for message, field, _ in causes]
    summary = texts[0] if len(texts) == 1 else "[%s]" % ", ".join(texts)
    details = {"kind": kind, "causes": [{"reason": reason, "message": message, "field": field}
                                        for message, field, reason in causes]}
    if name:
        details["name"] = name
    if group:
        details["group"] = group
    return status(422, "Invalid", '%s "%s" is invalid: %s' % (qualified_kind, name, summary), details)
