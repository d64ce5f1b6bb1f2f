// The words for a request that got no HTTP answer, from libcurl's codes and OpenSSL's verify
// results (their own constants, so a renumbering would show here) and curl's error buffer as
// curl 7.88 / OpenSSL 3 write it.
#include "core/net/transport_failure.hpp"

#include <catch2/catch.hpp>
#include <curl/curl.h>
#include <openssl/x509_vfy.h>

using namespace devk8s::core::net;
using namespace std::chrono_literals;

namespace {

TransportFailure failure(CURLcode code, std::string detail, long verify = 0)
{
  return {static_cast<int>(code), verify, std::move(detail), curl_easy_strerror(code)};
}

TransportContext registry_words()
{
  TransportContext c;
  c.peer = "the registry";
  c.timeout = 5s;
  c.connect_timeout = 5s;
  c.timeout_flag = "--timeout";
  c.trust = "use --ca-file";
  c.ca_file = "--ca-file /tmp/ca.pem";
  c.plain_http = "a registry without TLS is named with --insecure-registry HOST[:PORT]";
  return c;
}

TransportContext kube_words()
{
  TransportContext c;
  c.peer = "the Kubernetes API server";
  c.go_words = true;
  c.timeout = 30s;
  c.connect_timeout = 10s;
  c.trust = "it is not the CA in certificate-authority /m/ca.crt of cluster \"minikube\" in /k/config";
  c.client_certificate = "client-certificate /m/client.crt of user \"minikube\" in /k/config";
  c.client_key = "client-key /m/client.key of user \"minikube\" in /k/config";
  return c;
}

} // namespace

TEST_CASE("describe: a certificate no trusted CA signed", "[net]")
{
  for (const long verify : {long{X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY}, long{X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT},
                            long{X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN}, long{X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE}}) {
    CAPTURE(verify);
    const auto f = failure(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: unable to get local issuer certificate",
                           verify);
    CHECK(describe(f, registry_words()) == "the registry's certificate is not signed by a trusted CA (use --ca-file)");
    CHECK(describe(f, kube_words()) ==
          "x509: certificate signed by unknown authority: the Kubernetes API server's certificate is not signed by a "
          "trusted CA (it is not the CA in certificate-authority /m/ca.crt of cluster \"minikube\" in /k/config)");
  }
  SECTION("recognised from curl's words when the verify result is not known")
  {
    CHECK(describe(failure(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: self-signed certificate"),
                   registry_words()) == "the registry's certificate is not signed by a trusted CA (use --ca-file)");
  }
}

TEST_CASE("describe: other verification failures", "[net]")
{
  SECTION("expired")
  {
    const auto f = failure(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: certificate has expired",
                           X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(describe(f, registry_words()) ==
          "the registry's certificate has expired or is not yet valid (check this machine's clock)");
    CHECK(describe(f, kube_words()).rfind("x509: certificate has expired or is not yet valid: ", 0) == 0);
  }
  SECTION("another host's certificate")
  {
    const auto f = failure(CURLE_PEER_FAILED_VERIFICATION,
                           "SSL: no alternative certificate subject name matches target host name '127.0.0.2'");
    CHECK(describe(f, registry_words()) == "the registry's certificate is not valid for \"127.0.0.2\"");
    CHECK(describe(f, kube_words()).rfind("x509: certificate is not valid for 127.0.0.2: ", 0) == 0);
  }
}

TEST_CASE("describe: the local certificate and CA files name the file", "[net]")
{
  SECTION("a missing client key names the kubeconfig field and file")
  {
    const auto f = failure(CURLE_SSL_CERTPROBLEM, "unable to set private key file: '/m/client.key' type PEM");
    CHECK(describe(f, kube_words()) ==
          "cannot use client-key /m/client.key of user \"minikube\" in /k/config: not a PEM file, or the key does not "
          "match the certificate");
  }
  SECTION("a missing client certificate")
  {
    const auto f = failure(CURLE_SSL_CERTPROBLEM,
                           "could not load PEM client certificate from /m/client.crt, OpenSSL error error:80000002:system "
                           "library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)");
    CHECK(describe(f, kube_words()) ==
          "cannot use client-certificate /m/client.crt of user \"minikube\" in /k/config: no such file");
  }
  SECTION("curl's words say neither: both are named")
  {
    CHECK(describe(failure(CURLE_SSL_CERTPROBLEM, ""), kube_words()).find("client-certificate /m/client.crt") !=
          std::string::npos);
    CHECK(describe(failure(CURLE_SSL_CERTPROBLEM, ""), TransportContext{}) ==
          "cannot use the client certificate or key: not a PEM file, or the key does not match the certificate");
  }
  SECTION("an unreadable CA bundle")
  {
    CHECK(describe(failure(CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /tmp/ca.pem"), registry_words()) ==
          "cannot read the CA certificates in --ca-file /tmp/ca.pem");
  }
}

TEST_CASE("describe: time limits with the configured numbers", "[net]")
{
  CHECK(describe(failure(CURLE_OPERATION_TIMEDOUT, "Operation timed out after 5001 milliseconds with 0 bytes received"),
                 registry_words()) == "no answer from the registry within the 5s timeout (--timeout)");
  CHECK(describe(failure(CURLE_OPERATION_TIMEDOUT, "Connection timed out after 10002 milliseconds"), kube_words()) ==
        "no connection to the Kubernetes API server within the 10s connect timeout");
  CHECK(describe(failure(CURLE_OPERATION_TIMEDOUT, "Operation timed out after 30000 milliseconds"), kube_words()) ==
        "no answer from the Kubernetes API server within the 30s timeout");
  TransportContext odd = registry_words();
  odd.timeout = 1500ms;
  CHECK(describe(failure(CURLE_OPERATION_TIMEDOUT, ""), odd) == "no answer from the registry within the 1.5s timeout (--timeout)");
}

TEST_CASE("describe: connections, names and plain HTTP", "[net]")
{
  CHECK(describe(failure(CURLE_SSL_CONNECT_ERROR, "error:0A00010B:SSL routines::wrong version number"), registry_words()) ==
        "the registry does not speak TLS on that port: is it plain HTTP? (a registry without TLS is named with "
        "--insecure-registry HOST[:PORT])");
  CHECK(describe(failure(CURLE_COULDNT_RESOLVE_HOST, "Could not resolve host: gcr.invalid"), registry_words()) ==
        "the host name \"gcr.invalid\" does not resolve (DNS): check the name, or this machine's DNS and proxy settings");
  CHECK(describe(failure(CURLE_COULDNT_CONNECT, "Failed to connect to 127.0.0.1 port 1 after 0 ms: Connection refused"),
                 registry_words()) ==
        "the registry refused the connection: nothing listens on that port (is it running? is the port right?)");
  CHECK(describe(failure(CURLE_GOT_NOTHING, "Empty reply from server"), registry_words()) ==
        "the registry closed the connection without answering");
  SECTION("an unknown code keeps curl's words; a failure that is not curl's keeps its own")
  {
    CHECK(describe(failure(CURLE_BAD_CONTENT_ENCODING, ""), registry_words()) ==
          curl_easy_strerror(CURLE_BAD_CONTENT_ENCODING));
    CHECK(describe({0, 0, "", "deadline exceeded"}, registry_words()) == "deadline exceeded");
  }
}

TEST_CASE("format_duration", "[net]")
{
  CHECK(format_duration(500ms) == "500ms");
  CHECK(format_duration(5s) == "5s");
  CHECK(format_duration(1500ms) == "1.5s");
  CHECK(format_duration(1234ms) == "1.234s");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(2h) == "2h");
  CHECK(format_duration(0ms) == "0ms");
}
