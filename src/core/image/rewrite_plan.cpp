#include "core/image/rewrite_plan.hpp"

namespace devk8s::core::image {

std::string diff_label(const std::string& path, char side)
{
  return !path.empty() && path.front() == '/' ? path : std::string(1, side) + "/" + path;
}

std::string file_diff(const FileRewrite& file)
{
  return util::unified_diff(file.text, file.splices, diff_label(file.path, 'a'), diff_label(file.path, 'b'));
}

std::optional<plan::Step> in_place_step(const FileRewrite& file, const std::optional<std::string>& backup_suffix,
                                        bool with_preview)
{
  if (file.splices.empty()) {
    return std::nullopt;
  }
  plan::WriteFile write{file.path, util::apply_splices(file.text, file.splices),
                        backup_suffix ? std::optional<std::string>(file.path + *backup_suffix) : std::nullopt};
  return plan::Step{"rewrite " + file.path + ": " + std::to_string(file.summary.changes) + " of " +
                        std::to_string(file.summary.images) + " images",
                    std::move(write), with_preview ? file_diff(file) : std::string()};
}

bool rewritten_ends_with_newline(const FileRewrite& file)
{
  if (!file.splices.empty() && file.splices.back().end == file.text.size() && !file.splices.back().text.empty()) {
    return file.splices.back().text.back() == '\n';
  }
  return file.text.empty() || file.text.back() == '\n';
}

} // namespace devk8s::core::image
