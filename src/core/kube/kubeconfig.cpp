#include "core/kube/kubeconfig.hpp"

#include "core/kube/exec_config.hpp"
#include "core/yaml/schema_problems.hpp"
#include "util/base64.hpp"
#include "util/edit_distance.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <map>

namespace devk8s::core::kube {

namespace {

const char* const k_hint = "check the kubeconfig (kubectl config view), or pass --context NAME";

// A named entry (a cluster, user or context) and the file it came from.
struct Entry {
  YAML::Node body;
  std::size_t file = 0;
};

struct Merged {
  std::map<std::string, Entry> clusters;
  std::map<std::string, Entry> users;
  std::map<std::string, Entry> contexts;
  std::string current_context;
};

std::string dir_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

std::string text_of(const YAML::Node& map, const char* key)
{
  const YAML::Node value = map[key];
  return value && value.IsScalar() ? value.as<std::string>() : std::string();
}

// client-go's ResolvePaths: a relative path is relative to the file that names it.
std::string resolve_path(const std::string& value, const KubeconfigFile& file)
{
  if (value.empty() || value.front() == '/') {
    return value;
  }
  return dir_of(file.path) + "/" + value;
}

// Go's base64.StdEncoding skips line breaks, so kubectl accepts wrapped *-data values.
util::Result<std::string> decode_data(const std::string& value, const std::string& where)
{
  std::string compact;
  for (const char c : value) {
    if (c != '\n' && c != '\r') {
      compact += c;
    }
  }
  auto decoded = util::base64_decode(compact);
  if (!decoded) {
    return util::failure(where + " is not valid base64", k_hint);
  }
  return *decoded;
}

util::Result<PemSource> pem_source(const YAML::Node& map, const std::string& field, const KubeconfigFile& file,
                                   const std::string& where)
{
  PemSource source;
  // As in client-go, the inline data wins over the file when both are set.
  if (const std::string data = text_of(map, (field + "-data").c_str()); !data.empty()) {
    DEVK8S_TRY(source.pem, decode_data(data, file.path + ": " + where + "." + field + "-data"));
    return source;
  }
  source.file = resolve_path(text_of(map, field.c_str()), file);
  return source;
}

void collect(const YAML::Node& list, const char* body_key, std::size_t index, std::map<std::string, Entry>& into)
{
  if (!list || !list.IsSequence()) {
    return;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      continue;
    }
    const std::string name = text_of(item, "name");
    // The first file to define a name keeps it (clientcmd's merge: "first file to set a key wins").
    if (!name.empty() && into.find(name) == into.end()) {
      into.emplace(name, Entry{item[body_key], index});
    }
  }
}

std::vector<std::string> names_of(const std::map<std::string, Entry>& entries)
{
  std::vector<std::string> names;
  for (const auto& [name, _] : entries) {
    names.push_back(name);
  }
  return names;
}

util::Result<Merged> merge(const std::vector<KubeconfigFile>& files)
{
  Merged merged;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (util::trim(files[i].text).empty()) {
      continue; // kubectl takes an empty file as an empty config
    }
    DEVK8S_TRY(const YAML::Node doc, yaml::load_document(files[i].text, files[i].path, k_hint));
    if (!doc.IsMap()) {
      return util::failure(files[i].path + ": not a kubeconfig (expected a mapping with clusters, users, contexts)",
                           k_hint);
    }
    collect(doc["clusters"], "cluster", i, merged.clusters);
    collect(doc["users"], "user", i, merged.users);
    collect(doc["contexts"], "context", i, merged.contexts);
    if (merged.current_context.empty()) {
      merged.current_context = text_of(doc, "current-context");
    }
  }
  return merged;
}

// minikube marks what it writes with an extension whose provider is minikube.sigs.k8s.io
// (pkg/minikube/kubeconfig, since v1.14); older releases name cluster, context and user all
// after the profile, as v1.20.0's files in the seed do.
bool minikube_wrote(const YAML::Node& cluster, const std::string& context, const std::string& cluster_name,
                    const std::string& user)
{
  if (const YAML::Node extensions = cluster["extensions"]; extensions && extensions.IsSequence()) {
    for (const auto& item : extensions) {
      if (item.IsMap() && item["extension"] && item["extension"].IsMap() &&
          text_of(item["extension"], "provider") == "minikube.sigs.k8s.io") {
        return true;
      }
    }
  }
  return !context.empty() && context == cluster_name && context == user;
}

// client-go's clientcmd parseProxyURL: http, https and socks5 only.
util::Result<void> check_proxy_url(const std::string& url, const std::string& where)
{
  const auto scheme = url.find("://");
  const std::string name = scheme == std::string::npos ? std::string() : util::to_lower(url.substr(0, scheme));
  if (name != "http" && name != "https" && name != "socks5") {
    // Quoted without its user:password@, which a proxy URL may carry.
    return util::failure(where + ".proxy-url " + util::quoted(util::redact_url_credentials(url)) +
                             " is not an http://, https:// or socks5:// URL",
                         k_hint);
  }
  return {};
}

util::Result<void> read_user(const Entry& entry, const std::string& name, const std::vector<KubeconfigFile>& files,
                             ClusterAccess& access)
{
  const KubeconfigFile& file = files[entry.file];
  const YAML::Node& user = entry.body;
  if (!user || !user.IsMap()) {
    return {}; // a user with no fields: anonymous, as kubectl sends it
  }
  const std::string where = "user " + util::quoted(name);
  if (const YAML::Node provider = user["auth-provider"]) {
    const std::string kind = provider.IsMap() ? text_of(provider, "name") : "";
    // gcp and azure went in client-go 1.26; their exec plugins replaced them.
    return util::failure(file.path + ": " + where + " authenticates with auth-provider" +
                             (kind.empty() ? "" : " " + util::quoted(kind)) + ", which devk8s does not run",
                         "use its exec credential plugin instead (gke-gcloud-auth-plugin for gcp, kubelogin for azure "
                         "and oidc), or a context with a client certificate or a token (minikube's own has both)");
  }
  if (const YAML::Node exec = user["exec"]) {
    DEVK8S_TRY(access.exec, read_exec_config(exec, file.path + ": " + where + ".exec", dir_of(file.path), k_hint));
  }
  DEVK8S_TRY(access.client_certificate, pem_source(user, "client-certificate", file, where));
  DEVK8S_TRY(access.client_key, pem_source(user, "client-key", file, where));
  if (access.client_certificate.empty() != access.client_key.empty()) {
    return util::failure(file.path + ": " + where + " has a client " +
                             (access.client_key.empty() ? "certificate but no key" : "key but no certificate"),
                         k_hint);
  }
  access.token = text_of(user, "token");
  access.token_file = resolve_path(text_of(user, "tokenFile"), file);
  access.username = text_of(user, "username");
  access.password = text_of(user, "password");
  return {};
}

} // namespace

std::vector<std::string> kubeconfig_paths(const std::string& kubeconfig_flag, const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home)
{
  if (!kubeconfig_flag.empty()) {
    return {kubeconfig_flag};
  }
  if (kubeconfig_env && !kubeconfig_env->empty()) {
    std::vector<std::string> paths;
    for (const auto& part : util::split(*kubeconfig_env, ':')) {
      if (!part.empty()) {
        paths.emplace_back(part);
      }
    }
    return paths;
  }
  if (home && !home->empty()) {
    return {*home + "/.kube/config"};
  }
  return {};
}

util::Result<ClusterAccess> select_context(const std::vector<KubeconfigFile>& files, const std::string& context)
{
  DEVK8S_TRY(const Merged merged, merge(files));
  std::vector<std::string> paths;
  for (const auto& f : files) {
    paths.push_back(f.path);
  }
  const std::string name = context.empty() ? merged.current_context : context;
  if (name.empty()) {
    return util::failure("no current context in " + (paths.empty() ? std::string("any kubeconfig") : util::join(paths, ", ")),
                         "start the cluster (minikube start), or pass --context NAME");
  }
  const auto found = merged.contexts.find(name);
  if (found == merged.contexts.end()) {
    std::string message = "context " + util::quoted(name) + " does not exist";
    if (auto guess = util::nearest(name, names_of(merged.contexts))) {
      message += " (did you mean " + util::quoted(*guess) + "?)";
    }
    return util::failure(message, "kubectl config get-contexts lists the contexts");
  }
  const KubeconfigFile& origin = files[found->second.file];
  const YAML::Node& body = found->second.body;
  ClusterAccess access;
  access.context = name;
  access.origin = origin.path;
  if (body && body.IsMap()) {
    access.cluster = text_of(body, "cluster");
    access.user = text_of(body, "user");
    if (const std::string ns = text_of(body, "namespace"); !ns.empty()) {
      access.namespace_name = ns;
    }
  }
  const auto cluster = merged.clusters.find(access.cluster);
  if (access.cluster.empty() || cluster == merged.clusters.end()) {
    return util::failure(origin.path + ": context " + util::quoted(name) +
                             (access.cluster.empty() ? " names no cluster"
                                                     : " names cluster " + util::quoted(access.cluster) +
                                                           ", which no kubeconfig file defines"),
                         k_hint);
  }
  const KubeconfigFile& cluster_file = files[cluster->second.file];
  const YAML::Node& c = cluster->second.body;
  const std::string where = "cluster " + util::quoted(access.cluster);
  access.server = c && c.IsMap() ? text_of(c, "server") : "";
  if (access.server.empty()) {
    return util::failure(cluster_file.path + ": " + where + " has no server", k_hint);
  }
  if (c.IsMap()) {
    DEVK8S_TRY(access.certificate_authority, pem_source(c, "certificate-authority", cluster_file, where));
    access.insecure_skip_tls_verify = text_of(c, "insecure-skip-tls-verify") == "true";
    access.tls_server_name = text_of(c, "tls-server-name");
    access.proxy_url = text_of(c, "proxy-url");
    if (!access.proxy_url.empty()) {
      if (auto checked = check_proxy_url(access.proxy_url, cluster_file.path + ": " + where); !checked) {
        return checked.error();
      }
    }
    if (minikube_wrote(c, name, access.cluster, access.user)) {
      access.minikube_profile = access.cluster;
    }
  }
  if (!access.user.empty()) {
    const auto user = merged.users.find(access.user);
    if (user == merged.users.end()) {
      return util::failure(origin.path + ": context " + util::quoted(name) + " names user " + util::quoted(access.user) +
                               ", which no kubeconfig file defines",
                           k_hint);
    }
    if (auto read = read_user(user->second, access.user, files, access); !read) {
      return read.error();
    }
    if (access.exec && c.IsMap()) {
      access.exec->cluster_config = exec_extension(c);
    }
  }
  return access;
}

util::Result<std::optional<CredentialPlugin>> credential_plugin(const std::vector<KubeconfigFile>& files,
                                                                const std::string& context)
{
  DEVK8S_TRY(const Merged merged, merge(files));
  const auto found = merged.contexts.find(context.empty() ? merged.current_context : context);
  if (found == merged.contexts.end() || !found->second.body || !found->second.body.IsMap()) {
    return std::optional<CredentialPlugin>{};
  }
  const std::string user_name = text_of(found->second.body, "user");
  const auto user = merged.users.find(user_name);
  if (user_name.empty() || user == merged.users.end() || !user->second.body || !user->second.body.IsMap()) {
    return std::optional<CredentialPlugin>{};
  }
  const YAML::Node& body = user->second.body;
  for (const char* kind : {"exec", "auth-provider"}) {
    if (const YAML::Node plugin = body[kind]) {
      const std::string command = plugin.IsMap() ? text_of(plugin, kind == std::string("exec") ? "command" : "name") : "";
      return std::optional<CredentialPlugin>(CredentialPlugin{files[user->second.file].path, user_name, kind, command});
    }
  }
  return std::optional<CredentialPlugin>{};
}

util::Result<std::vector<std::string>> context_names(const std::vector<KubeconfigFile>& files)
{
  DEVK8S_TRY(const auto merged, merge(files));
  return names_of(merged.contexts);
}

} // namespace devk8s::core::kube
