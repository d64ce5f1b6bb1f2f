"""/openapi/v2 as kube-apiserver v1.20 serves it, reduced to a truthful minimum, and the
/openapi/v3 that v1.20 does not have.

Who asks, and what they do with the answer:
- kubectl 1.20 (client-go discovery_client.go, OpenAPISchema) GETs /openapi/v2 with
  `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` and proto.Unmarshals a
  gnostic openapi_v2.Document; on 403/404/406 it tries /swagger-2.0.0.pb-v1 (servers before 1.10).
- kubectl 1.32 with --validate=strict first asks /openapi/v3 (cli-runtime
  query_param_verifier_v3.go, whether PATCH takes ?fieldValidation); any error but "unsupported"
  falls back to the v2 verifier (fallback_query_param_verifier.go), which reads the same
  /openapi/v2 protobuf; a GVK without the parameter is "unsupported", and kubectl then
  validates client-side (kubectl pkg/validation/schema.go, paramVerifyingSchema).
- Client-side validation of a kind the document has no schema for is skipped: kubectl
  pkg/validation/schema.go, schemaValidation.validateResource: `resource :=
  v.resources.LookupResource(gvk); if resource == nil { // resource is not present, let's just
  skip validation. return nil }`. `kubectl apply`'s patcher (kubectl pkg/cmd/apply/patcher.go,
  patchSimple) likewise gets no patch from a missing schema (buildStrategicMergeFromOpenAPI:
  "Missing schema returns nil patch") and computes the strategic merge patch from the types
  compiled into kubectl (buildStrategicMergeFromBuiltins).

So the document carries swagger "2.0" and info {title "Kubernetes", version "v1.20.2"} (what
kube-apiserver v1.20.2 puts there) with empty paths and definitions: nothing in it is untrue,
and every kind the tests send is validated by the server (which checks what it must), not by
kubectl against invented schemas.

The handler is kube-openapi's of that time (pkg/handler/handler.go,
RegisterOpenAPIVersionedService): the Accept clauses are tried in order against
application/json and the protobuf type (`*` matches), the first match is served through
http.ServeContent (no Content-Type set, so Go sniffs one), otherwise 406 with an empty body.
/openapi/v3 is registered nowhere in v1.20, so it falls through the delegation chain to
apiextensions-apiserver's `http.NotFoundHandler()`: 404, `404 page not found`."""
import hashlib, json

PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"

DOCUMENT = {"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.20.2"}, "paths": {}, "definitions": {}}


def varint(n):
    out = bytearray()
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def field(number, payload):
    """A length-delimited field (wire type 2): strings, bytes and embedded messages."""
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def document_protobuf():
    """openapi_v2.Document (gnostic openapiv2/OpenAPIv2.proto): swagger = 1, info = 2 (Info:
    title = 1, version = 2), paths = 8 (Paths, empty), definitions = 9 (Definitions, empty)."""
    info = field(1, DOCUMENT["info"]["title"]) + field(2, DOCUMENT["info"]["version"])
    return field(1, DOCUMENT["swagger"]) + field(2, info) + field(8, b"") + field(9, b"")


def accepted(accept):
    """goautoneg.ParseAccept order (by q, then as given) of (type, subtype) pairs."""
    clauses = []
    for i, part in enumerate((accept or "*/*").split(",")):
        params = [p.strip() for p in part.split(";")]
        media = params[0]
        if not media:
            continue
        q = 1.0
        for p in params[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        clauses.append((-q, i, kind, sub or "*"))
    clauses.sort()
    return [(kind, sub) for _, _, kind, sub in clauses]


def serve(path, accept):
    """(status, headers, body) for /openapi/v2 or /openapi/v3[/...]."""
    if path != "/openapi/v2":
        return 404, {"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff"}, \
            b"404 page not found\n"
    offers = [("application", "json", lambda: json.dumps(DOCUMENT).encode(), "text/plain; charset=utf-8"),
              ("application", PROTOBUF.split("/", 1)[1], document_protobuf, "application/octet-stream")]
    for kind, sub in accepted(accept):
        for offer_kind, offer_sub, body, sniffed in offers:
            if kind in (offer_kind, "*") and sub in (offer_sub, "*"):
                data = body()
                # kube-openapi's computeETag: the SHA-512 of the served bytes, in hex.
                return 200, {"Content-Type": sniffed, "Vary": "Accept",
                             "Etag": '"%s"' % hashlib.sha512(data).hexdigest().upper()}, data
    return 406, {"Vary": "Accept"}, b""
