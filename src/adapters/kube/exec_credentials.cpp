#include "adapters/kube/exec_credentials.hpp"

#include "core/net/transport_failure.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

namespace devk8s::adapters {

namespace {

namespace kube = core::kube;

const char* const k_docs = "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins";

std::string plugin_words(const kube::ClusterAccess& a)
{
  return "the credential plugin " + util::quoted(a.exec->command) + " of user " + util::quoted(a.user) + " (in " +
         (a.origin.empty() ? std::string("the kubeconfig") : a.origin) + ")";
}

std::string run_it_yourself(const kube::ClusterAccess& a)
{
  std::vector<std::string> argv = {a.exec->command};
  argv.insert(argv.end(), a.exec->args.begin(), a.exec->args.end());
  return "run it yourself to see why: " + util::shell_join(argv);
}

// installHint is written for a terminal, often over several lines; a hint is one line.
std::string one_line(const std::string& text)
{
  std::string out;
  for (const auto line : util::split(text, '\n')) {
    const auto trimmed = util::trim(line);
    if (!trimmed.empty()) {
      out += (out.empty() ? "" : " ") + std::string(trimmed);
    }
  }
  return out;
}

// The last lines a failed plugin wrote on stderr, shown under the error as its own words.
std::string tail_of(const std::string& err)
{
  std::vector<std::string_view> lines;
  for (const auto line : util::split(err, '\n')) {
    if (!util::trim(line).empty()) {
      lines.push_back(line);
    }
  }
  const std::size_t keep = 10;
  std::string out;
  for (std::size_t i = lines.size() > keep ? lines.size() - keep : 0; i < lines.size(); ++i) {
    out += (out.empty() ? "" : "\n") + std::string(lines[i]);
  }
  return out;
}

} // namespace

std::string ExecCredentials::cache_path(const kube::ClusterAccess& access) const
{
  return m_options.cache_dir + "/credentials/" + kube::exec_cache_key(access) + ".json";
}

util::Result<kube::ExecCredential> ExecCredentials::get(const kube::ClusterAccess& access)
{
  if (!m_options.cache_dir.empty()) {
    const std::string path = cache_path(access);
    if (m_fs.kind(path) == ports::FileKind::regular) {
      // A file that cannot be read or parsed is only a cache miss: the plugin is asked again.
      if (auto text = m_fs.read_file(path)) {
        auto cached = kube::parse_exec_credential(*text, access.exec->api_version);
        if (cached && kube::usable_from_cache(*cached, m_options.now())) {
          return cached;
        }
      }
    }
  }
  return refresh(access);
}

util::Result<kube::ExecCredential> ExecCredentials::refresh(const kube::ClusterAccess& access)
{
  const kube::ExecConfig& exec = *access.exec;
  if (exec.interactive_mode == "Always") {
    // exec.go isInteractive: Always needs a terminal on stdin, and devk8s hands a plugin none.
    return util::failure("cannot run " + plugin_words(access) +
                             ": its interactiveMode is Always, and devk8s gives a plugin no terminal",
                         "log in with kubectl first if the plugin then keeps a session, or use interactiveMode: "
                         "IfAvailable when it can do without");
  }
  std::string ca_pem = access.certificate_authority.pem;
  if (exec.provide_cluster_info && ca_pem.empty() && !access.certificate_authority.file.empty()) {
    // The plugin gets the CA as data, as client-go reads it from the file (dataFromSliceOrFile).
    if (auto text = m_fs.read_file(access.certificate_authority.file)) {
      ca_pem = *text;
    }
  }
  ports::Command command;
  command.argv = {exec.command};
  command.argv.insert(command.argv.end(), exec.args.begin(), exec.args.end());
  for (const auto& [name, value] : exec.env) {
    command.env[name] = value;
  }
  command.env["KUBERNETES_EXEC_INFO"] = kube::exec_info(access, ca_pem);
  command.timeout = m_options.timeout;
  auto ran = m_runner.run(command);
  if (!ran) {
    if (ran.error().code == util::ExitCode::interrupted) {
      return ran.error();
    }
    // The runner says "cannot run 'x': why"; the why is what matters here.
    const std::string& message = ran.error().message;
    const auto colon = message.find(": ");
    return util::failure("cannot run " + plugin_words(access) + ": " +
                             (colon == std::string::npos ? message : message.substr(colon + 2)),
                         exec.install_hint.empty()
                             ? "install it, or correct exec.command in " + access.origin + " (" + k_docs + ")"
                             : one_line(exec.install_hint));
  }
  const ports::ProcessResult& result = *ran;
  if (result.cancelled) {
    return util::interrupted(plugin_words(access) + " was stopped");
  }
  if (result.timed_out) {
    return util::failure(plugin_words(access) + " did not finish within " + core::net::format_duration(m_options.timeout) +
                             ": does it wait for input? devk8s gives it no terminal",
                         run_it_yourself(access));
  }
  if (result.exit_code != 0) {
    util::Error error = util::failure(plugin_words(access) + " failed with exit code " + std::to_string(result.exit_code),
                                      run_it_yourself(access));
    error.output = tail_of(result.err);
    return error;
  }
  auto credential = kube::parse_exec_credential(result.out, exec.api_version);
  if (!credential) {
    return util::failure(plugin_words(access) + " printed no usable ExecCredential: " + credential.error().message,
                         "it must print " + exec.api_version + " ExecCredential JSON on stdout (" + k_docs + "); " +
                             run_it_yourself(access));
  }
  if (!m_options.cache_dir.empty() && credential->expiry) {
    store(cache_path(access), *credential, exec.api_version);
  }
  return credential;
}

void ExecCredentials::store(const std::string& path, const kube::ExecCredential& credential, const std::string& api_version)
{
  // A cache that cannot be written costs the next run a plugin call, nothing more. Staged, so
  // the file is 0600 from its creation and appears whole (mkstemp, then rename).
  const std::string dir = path.substr(0, path.rfind('/'));
  if (!m_fs.create_directories(dir)) {
    return;
  }
  auto staged = m_fs.stage(path);
  if (!staged) {
    return;
  }
  auto& file = **staged;
  if (file.set_mode(0600) && file.append(kube::exec_cache_record(credential, api_version)) && file.close()) {
    (void)file.commit(std::nullopt);
  }
}

} // namespace devk8s::adapters
