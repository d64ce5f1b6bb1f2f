"""Request bodies in Kubernetes' protobuf encoding (`Content-Type:
application/vnd.kubernetes.protobuf`), which kubectl 1.32's typed commands send: `kubectl create
namespace|job|deployment|service ...` (kubectl create -f, apply, run and expose send JSON).

The encoding (k8s.io/apimachinery pkg/runtime/serializer/protobuf): the magic `k8s\\x00`, then a
runtime.Unknown {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3,
contentType = 4} whose raw bytes are the object's generated message (k8s.io/api
*/generated.proto; maps are repeated {key = 1, value = 2} entries). The messages are decoded here
into their JSON form for the fields those commands set; every field number below was read from
the bodies kubectl 1.32 sends (and checked against the Go struct tags, `protobuf:"bytes,N,..."`).

Go's generated marshalling writes every non-pointer field, empty or not, so a field this table
does not know is fine when empty (it says nothing) and refused when it carries a value (the
server could not honour it): decode() then raises Unreadable and the caller answers 415, as
for any body this server cannot read. Server-set metadata (uid, resourceVersion,
creationTimestamp...) and status are dropped, as the create strategies drop them."""

MAGIC = b"k8s\x00"


class Unreadable(Exception):
    pass


# message -> {field number: (JSON name, type)}; types: "string", "strings" (repeated), "int",
# "map" (string to string), "intorstring", a message name, or "[message]" (repeated).
# (None, None): known and dropped (server-set metadata, status).
SCHEMA = {
    "Object": {1: ("metadata", "ObjectMeta"), 2: ("spec", "*spec"), 3: (None, None)},
    "ObjectMeta": {1: ("name", "string"), 2: ("generateName", "string"), 3: ("namespace", "string"),
                   4: (None, None), 5: (None, None), 6: (None, None), 7: (None, None), 8: (None, None),
                   11: ("labels", "map"), 12: ("annotations", "map")},
    "NamespaceSpec": {},
    "JobSpec": {1: ("parallelism", "int"), 2: ("completions", "int"), 4: ("selector", "LabelSelector"),
                6: ("template", "PodTemplateSpec"), 7: ("backoffLimit", "int")},
    "DeploymentSpec": {1: ("replicas", "int"), 2: ("selector", "LabelSelector"), 3: ("template", "PodTemplateSpec"),
                       4: ("strategy", "DeploymentStrategy")},
    "DeploymentStrategy": {},
    "LabelSelector": {1: ("matchLabels", "map")},
    "PodTemplateSpec": {1: ("metadata", "ObjectMeta"), 2: ("spec", "PodSpec")},
    "PodSpec": {2: ("containers", "[Container]"), 3: ("restartPolicy", "string")},
    "Container": {1: ("name", "string"), 2: ("image", "string"), 3: ("command", "strings"),
                  6: ("ports", "[ContainerPort]"), 8: ("resources", "ResourceRequirements"),
                  14: ("imagePullPolicy", "string")},
    "ContainerPort": {3: ("containerPort", "int")},
    "ResourceRequirements": {},
    "ServiceSpec": {1: ("ports", "[ServicePort]"), 2: ("selector", "map"), 3: ("clusterIP", "string"),
                    4: ("type", "string"), 10: ("externalName", "string")},
    "ServicePort": {1: ("name", "string"), 2: ("protocol", "string"), 3: ("port", "int"),
                    4: ("targetPort", "intorstring"), 5: ("nodePort", "int")},
}
SPECS = {"Namespace": "NamespaceSpec", "Job": "JobSpec", "Deployment": "DeploymentSpec", "Service": "ServiceSpec"}


def varint(data, i):
    n = shift = 0
    while True:
        if i >= len(data):
            raise Unreadable("truncated varint")
        byte = data[i]
        i += 1
        n |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return n, i


def fields(data):
    """(number, wire type, value): ints for varints, bytes for length-delimited fields."""
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 2:
            size, i = varint(data, i)
            value, i = data[i:i + size], i + size
        else:
            raise Unreadable("wire type %d" % wire)
        yield number, wire, value


def empty(wire, value):
    return value == 0 if wire == 0 else len(value) == 0 or all(empty(w, v) for _, w, v in fields(value))


def message(data, name, kind, path):
    schema = SCHEMA[name]
    out = {}
    for number, wire, value in fields(data):
        known = schema.get(number)
        if known is None:
            if not empty(wire, value):
                raise Unreadable("%s: field %d of %s is not read by this server" % (path, number, name))
            continue
        key, kind_of = known
        if key is None:
            continue
        if kind_of == "*spec":
            kind_of = SPECS.get(kind)
            if kind_of is None:
                raise Unreadable("%s: no spec decoding for %s" % (path, kind))
        where = "%s.%s" % (path, key)
        if kind_of == "string":
            out[key] = value.decode()
        elif kind_of == "strings":
            out.setdefault(key, []).append(value.decode())
        elif kind_of == "int":
            out[key] = value
        elif kind_of == "map":
            entry = dict((n, v) for n, _, v in fields(value))
            out.setdefault(key, {})[entry.get(1, b"").decode()] = entry.get(2, b"").decode()
        elif kind_of == "intorstring":
            entry = dict((n, v) for n, _, v in fields(value))
            out[key] = entry.get(3, b"").decode() if entry.get(1) == 1 else entry.get(2, 0)
        elif kind_of.startswith("["):
            out.setdefault(key, []).append(message(value, kind_of[1:-1], kind, where))
        else:
            out[key] = message(value, kind_of, kind, where)
    # Go writes empty strings and zeros that JSON leaves out (omitempty).
    return {k: v for k, v in out.items() if v not in ("", 0, None) or k in ("replicas", "parallelism",
                                                                         "completions", "backoffLimit")}


def decode(body):
    """The JSON document a protobuf request body stands for."""
    if not body.startswith(MAGIC):
        raise Unreadable("no k8s protobuf magic")
    envelope = dict((n, v) for n, _, v in fields(body[len(MAGIC):]))
    type_meta = dict((n, v) for n, _, v in fields(envelope.get(1, b"")))
    api_version, kind = type_meta.get(1, b"").decode(), type_meta.get(2, b"").decode()
    if envelope.get(3) or envelope.get(4):
        raise Unreadable("encoded raw content")
    doc = {"apiVersion": api_version, "kind": kind}
    doc.update(message(envelope.get(2, b""), "Object", kind, kind))
    return doc
