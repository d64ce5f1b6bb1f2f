#include "exec/binary_installer.hpp"

#include "core/install/progress_text.hpp"
#include "core/install/release_text.hpp"
#include "core/preflight/tool_output.hpp"
#include "exec/download_file.hpp"
#include "exec/plan_check.hpp"
#include "util/build_info.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

#include <ostream>

namespace devk8s::exec {

namespace {

using core::plan::DownloadCandidate;
using core::plan::InstallBinary;

std::string dir_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_name(const std::string& url)
{
  const std::string path = url.substr(0, url.find_first_of("?#"));
  return path.substr(path.rfind('/') + 1);
}


std::string describe(const ports::HttpResponse& response)
{
  if (!response.ok()) {
    return std::string(ports::to_string(response.transport)) + ": " + response.transport_message;
  }
  const auto line = util::first_line(response.body);
  // Appended, not `"HTTP " + std::string&&`: GCC 12's bogus -Wrestrict at -O3 (GCC bug 105329).
  std::string text = "HTTP ";
  text += std::to_string(response.status);
  if (!line.empty()) {
    text += ' ';
    text += util::quoted(line.substr(0, 120));
  }
  return text;
}

// Worth another attempt at the same URL: the network, a timeout, a server error. A 404 or 403
// will say the same again.
bool retryable(const ports::HttpResponse& response)
{
  if (!response.ok()) {
    return response.transport != ports::Transport::tls && response.transport != ports::Transport::dns;
  }
  return response.status >= 500 || response.status == 408 || response.status == 429;
}

// A checksum file, held in memory: a few lines at most.
class ChecksumSink final : public ports::DownloadSink {
public:
  ChecksumSink(std::size_t limit, const util::CancelToken& cancel) : m_limit(limit), m_cancel(cancel) {}
  bool begin(const ports::HttpResponse&) override { return !m_cancel.cancelled(); }
  bool write(std::string_view chunk) override
  {
    if (body.size() + chunk.size() > m_limit) {
      too_large = true;
      return false;
    }
    body += chunk;
    return !m_cancel.cancelled();
  }
  bool progress(std::uint64_t, std::uint64_t) override { return !m_cancel.cancelled(); }

  std::string body;
  bool too_large = false;

private:
  std::size_t m_limit;
  const util::CancelToken& m_cancel;
};

util::Result<core::Version> installed_version(const std::string& tool, std::string_view out)
{
  return tool == "kubectl" ? core::preflight::parse_kubectl_client_version_json(out)
                           : core::preflight::parse_minikube_version_json(out);
}

// The hex digest of what is on disk, read back in chunks.
util::Result<std::string> sha256_of(ports::StagedFile& file)
{
  util::Sha256 sha;
  if (auto read = file.read([&](std::string_view chunk) { sha.update(chunk); }); !read) {
    return read.error();
  }
  return sha.hex();
}

} // namespace

util::Result<std::string> BinaryInstaller::fetch_checksum(const InstallBinary& step, const DownloadCandidate& candidate)
{
  std::vector<std::string> problems;
  for (const auto& url : candidate.checksum_urls) {
    ports::HttpRequest request;
    request.url = url;
    request.follow_redirects = true;
    request.connect_timeout = step.connect_timeout;
    request.timeout = step.connect_timeout + step.stall_timeout;
    request.max_body = 64u << 10;
    // download(), not perform(): its progress callback is where Ctrl-C is noticed, so a slow
    // checksum server does not hold an interrupted install for up to a minute.
    ChecksumSink sink(request.max_body, m_cancel);
    auto response = m_http.download(request, sink);
    if (m_cancel.cancelled()) {
      return util::interrupted("nothing downloaded yet");
    }
    if (sink.too_large) {
      problems.push_back(util::redact_url_credentials(url) + ": larger than a checksum file (64 KiB)");
    } else if (response.ok() && response.status == 200) {
      auto digest = core::install::parse_checksum_file(sink.body, base_name(candidate.url));
      if (digest) {
        return *digest;
      }
      problems.push_back(util::redact_url_credentials(url) + ": " + digest.error().message);
    } else {
      problems.push_back(util::redact_url_credentials(url) + ": " + describe(response));
    }
  }
  return util::failure("no published checksum: " + util::join(problems, "; "));
}

util::Result<void> BinaryInstaller::try_candidate(const InstallBinary& step, const DownloadCandidate& candidate)
{
  DEVK8S_TRY(const std::string expected, fetch_checksum(step, candidate));
  DEVK8S_TRY(const auto file, m_fs.stage(step.path));
  const std::string label = step.tool + " " + step.version;
  m_progress << "devk8s: downloading " << label << " from " << candidate.source << " ("
             << util::redact_url_credentials(candidate.url) << ")\n";
  const auto started = DownloadClock::now();
  bool done = false;
  std::string last_problem;
  for (int attempt = 1; attempt <= step.attempts && !done; ++attempt) {
    const std::uint64_t offset = file->size();
    ports::HttpRequest request;
    request.url = candidate.url;
    request.follow_redirects = true;
    request.connect_timeout = step.connect_timeout;
    request.timeout = std::chrono::milliseconds(0); // a large file on a slow link: only a stall ends it
    request.stall_timeout = step.stall_timeout;
    request.max_body = 64u << 10;
    if (offset > 0) {
      request.headers.emplace_back("Range", "bytes=" + std::to_string(offset) + "-");
    }
    FileSink sink(*file, offset, step.max_bytes, m_progress, m_tty, label, m_cancel);
    const auto response = m_http.download(request, sink);
    sink.end();
    if (m_cancel.cancelled()) {
      return util::interrupted("removed the partial download");
    }
    if (response.ok() && (response.status == 200 || response.status == 206)) {
      done = true;
      break;
    }
    last_problem = sink.problem().empty() ? describe(response) : sink.problem();
    if (response.ok() && response.status == 416 && offset > 0 && file->truncate()) {
      continue; // the partial file no longer matches what the server has: start over
    }
    if (!sink.problem().empty() || !retryable(response) || attempt == step.attempts) {
      break;
    }
    m_progress << "devk8s: " << candidate.source << ": attempt " << attempt << " of " << step.attempts
               << " failed (" << last_problem << "); "
               << (file->size() > 0 ? "resuming at " + core::install::format_bytes(file->size()) : std::string("retrying"))
               << '\n';
    m_cancel.sleep_for(std::chrono::milliseconds(250 * attempt));
  }
  if (!done) {
    return util::failure(last_problem);
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(DownloadClock::now() - started);
  const std::uint64_t size = file->size();
  if (auto mode = file->set_mode(0755); !mode) {
    return mode.error();
  }
  if (auto closed = file->close(); !closed) {
    return closed.error();
  }
  DEVK8S_TRY(const std::string actual, sha256_of(*file));
  if (actual != expected) {
    return util::failure("checksum mismatch: the published sha256 is " + expected + ", the " +
                         core::install::format_bytes(size) + " downloaded hash to " + actual + "; nothing installed");
  }
  m_progress << "devk8s: downloaded " << label << ": " << core::install::format_bytes(size) << " in "
             << elapsed.count() / 1000 << "." << (elapsed.count() % 1000) / 100 << " s ("
             << core::install::format_rate(size, elapsed) << "), sha256 " << actual.substr(0, 12) << "… verified\n";

  // Run the new binary before it replaces anything: a file that does not run, or is another
  // version than asked for, is not installed.
  ports::Command command;
  command.argv = {file->path()};
  command.argv.insert(command.argv.end(), step.version_args.begin(), step.version_args.end());
  command.env = step.version_env;
  command.timeout = std::chrono::seconds(30);
  auto ran = m_runner.run(command);
  if (!ran && ran.error().code == util::ExitCode::interrupted) {
    return ran.error();
  }
  if (!ran) {
    return util::failure("the downloaded " + step.tool + " does not run: " + ran.error().message);
  }
  if (ran->cancelled) {
    return util::interrupted("stopped while checking the downloaded " + step.tool + "; nothing was installed");
  }
  auto version = installed_version(step.tool, ran->out);
  if (ran->exit_code != 0 || !version) {
    return util::failure("the downloaded " + step.tool + " does not report its version: " +
                         (version ? "exit status " + std::to_string(ran->exit_code) : version.error().message));
  }
  DEVK8S_TRY(const auto wanted, core::Version::parse(step.version));
  if (!(*version == wanted)) {
    return util::failure("the downloaded " + step.tool + " reports " + version->str() + ", not " + wanted.str());
  }
  if (auto committed = file->commit(step.backup); !committed) {
    return committed.error().wrap("cannot install " + step.tool);
  }
  m_progress << "devk8s: installed " << step.path << " (" << step.tool << " " << version->str() << ")\n";
  return {};
}

util::Result<void> BinaryInstaller::install(const InstallBinary& step)
{
  const std::string dir = dir_of(step.path);
  // Both before any download: a directory that cannot take the binary fails in a second, not
  // after 100 MB.
  if (auto made = m_fs.create_directories(dir); !made) { // ~/.local/bin may not exist yet
    return util::failure(made.error().message, k_install_dir_hint);
  }
  if (auto writable = m_fs.check_directory_writable(dir); !writable) {
    return util::failure(writable.error().message, k_install_dir_hint);
  }
  std::vector<std::string> failures;
  for (const auto& candidate : step.candidates) {
    auto result = try_candidate(step, candidate);
    if (result) {
      return {};
    }
    if (result.error().code == util::ExitCode::interrupted || m_cancel.cancelled()) {
      return result.error().code == util::ExitCode::interrupted
                 ? result.error()
                 : util::interrupted(result.error().message + "; nothing was installed");
    }
    failures.push_back(candidate.source + " (" + util::redact_url_credentials(candidate.url) + "): " + result.error().message);
    m_progress << "devk8s: " << failures.back() << '\n';
  }
  if (failures.empty()) {
    return util::failure("no download source has " + step.tool, "see " + util::schema_readme("Download sources"));
  }
  return util::failure("cannot install " + step.tool + " " + step.version + " from any source:\n" +
                           util::join(failures, "\n"),
                       "check the network or choose another source with --mirror NAME (see " + util::schema_readme("Download sources") + ")");
}

} // namespace devk8s::exec
