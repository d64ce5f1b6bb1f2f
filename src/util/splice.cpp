#include "util/splice.hpp"

#include <algorithm>
#include <ostream>

namespace devk8s::util {

std::string apply_splices(std::string_view text, const std::vector<Splice>& splices)
{
  std::size_t extra = 0;
  for (const auto& s : splices) {
    extra += s.text.size();
  }
  std::string out;
  out.reserve(text.size() + extra);
  std::size_t at = 0;
  for (const auto& s : splices) {
    out.append(text.substr(at, s.begin - at));
    out.append(s.text);
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

void write_spliced(std::ostream& out, std::string_view text, const std::vector<Splice>& splices)
{
  std::size_t at = 0;
  for (const auto& s : splices) {
    out.write(text.data() + at, static_cast<std::streamsize>(s.begin - at));
    out.write(s.text.data(), static_cast<std::streamsize>(s.text.size()));
    at = s.end;
  }
  out.write(text.data() + at, static_cast<std::streamsize>(text.size() - at));
}

namespace {

// Whole lines touched by one or more splices: [line_begin, line_end) in bytes, line_end just
// past the newline (or at the end of the text).
struct Region {
  std::size_t line_begin = 0;
  std::size_t line_end = 0;
  std::size_t first_line = 0; // 0-based
  std::vector<std::string> old_lines;
  std::vector<std::string> new_lines;
  bool old_ends_without_newline = false;
  bool new_ends_without_newline = false;
};

std::vector<std::string> split_lines(std::string_view text, bool& ends_without_newline)
{
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      ends_without_newline = true;
      return lines;
    }
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  ends_without_newline = false;
  return lines;
}

std::size_t line_start(std::string_view text, std::size_t at)
{
  if (at == 0) {
    return 0;
  }
  const std::size_t nl = text.rfind('\n', at - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

// Just past the newline that ends the line holding the byte before `end` (a span that ends
// with its own newline does not touch the next line).
std::size_t line_end_after(std::string_view text, std::size_t end)
{
  const std::size_t nl = text.find('\n', end > 0 ? end - 1 : 0);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

std::string range(std::size_t start, std::size_t count)
{
  // diff -u writes an empty range as the line before it.
  if (count == 0) {
    return std::to_string(start) + ",0";
  }
  return count == 1 ? std::to_string(start + 1) : std::to_string(start + 1) + "," + std::to_string(count);
}

} // namespace

std::string unified_diff(std::string_view text, const std::vector<Splice>& splices, const std::string& old_label,
                         const std::string& new_label, std::size_t context)
{
  if (splices.empty()) {
    return {};
  }
  // 1. Group splices into regions of whole lines.
  std::vector<Region> regions;
  std::size_t line_counter_pos = 0;
  std::size_t line_counter = 0;
  std::size_t i = 0;
  while (i < splices.size()) {
    Region region;
    region.line_begin = line_start(text, splices[i].begin);
    std::vector<Splice> local;
    while (true) {
      region.line_end = std::max(region.line_end, line_end_after(text, splices[i].end));
      local.push_back(Splice{splices[i].begin - region.line_begin, splices[i].end - region.line_begin, splices[i].text});
      ++i;
      if (i >= splices.size() || splices[i].begin >= region.line_end) {
        break;
      }
    }
    line_counter += static_cast<std::size_t>(
        std::count(text.begin() + static_cast<std::ptrdiff_t>(line_counter_pos),
                   text.begin() + static_cast<std::ptrdiff_t>(region.line_begin), '\n'));
    line_counter_pos = region.line_begin;
    region.first_line = line_counter;
    const std::string_view old_text = text.substr(region.line_begin, region.line_end - region.line_begin);
    region.old_lines = split_lines(old_text, region.old_ends_without_newline);
    region.new_lines = split_lines(apply_splices(old_text, local), region.new_ends_without_newline);
    // A span may cover lines it leaves as they were (a block scalar's header): those are context.
    auto& o = region.old_lines;
    auto& n = region.new_lines;
    while (o.size() > 1 && n.size() > 1 && o.front() == n.front()) {
      o.erase(o.begin());
      n.erase(n.begin());
      ++region.first_line;
    }
    while (o.size() > 1 && n.size() > 1 && o.back() == n.back() &&
           region.old_ends_without_newline == region.new_ends_without_newline) {
      o.pop_back();
      n.pop_back();
      region.old_ends_without_newline = region.new_ends_without_newline = false;
    }
    regions.push_back(std::move(region));
  }

  // 2. Lines of the old text, for context.
  bool last_without_newline = false;
  const std::vector<std::string> all = split_lines(text, last_without_newline);

  // 3. Hunks: regions whose contexts touch are merged.
  std::string out = "--- " + old_label + "\n+++ " + new_label + "\n";
  std::size_t r = 0;
  std::ptrdiff_t offset = 0; // new line number minus old line number so far
  while (r < regions.size()) {
    std::size_t last = r;
    while (last + 1 < regions.size() &&
           regions[last + 1].first_line <= regions[last].first_line + regions[last].old_lines.size() + 2 * context) {
      ++last;
    }
    const std::size_t hunk_start = regions[r].first_line >= context ? regions[r].first_line - context : 0;
    const std::size_t region_end = regions[last].first_line + regions[last].old_lines.size();
    const std::size_t hunk_end = std::min(all.size(), region_end + context);
    std::string body;
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    std::size_t line = hunk_start;
    auto context_line = [&](std::size_t l) {
      body += " " + all[l] + "\n";
      if (l + 1 == all.size() && last_without_newline) {
        body += "\\ No newline at end of file\n";
      }
      ++old_count;
      ++new_count;
    };
    for (std::size_t k = r; k <= last; ++k) {
      const Region& region = regions[k];
      for (; line < region.first_line; ++line) {
        context_line(line);
      }
      for (std::size_t j = 0; j < region.old_lines.size(); ++j) {
        body += "-" + region.old_lines[j] + "\n";
        if (j + 1 == region.old_lines.size() && region.old_ends_without_newline) {
          body += "\\ No newline at end of file\n";
        }
      }
      for (std::size_t j = 0; j < region.new_lines.size(); ++j) {
        body += "+" + region.new_lines[j] + "\n";
        if (j + 1 == region.new_lines.size() && region.new_ends_without_newline) {
          body += "\\ No newline at end of file\n";
        }
      }
      old_count += region.old_lines.size();
      new_count += region.new_lines.size();
      line = region.first_line + region.old_lines.size();
    }
    for (; line < hunk_end; ++line) {
      context_line(line);
    }
    const auto new_start = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(hunk_start) + offset);
    out += "@@ -" + range(hunk_start, old_count) + " +" + range(new_start, new_count) + " @@\n" + body;
    offset += static_cast<std::ptrdiff_t>(new_count) - static_cast<std::ptrdiff_t>(old_count);
    r = last + 1;
  }
  return out;
}

} // namespace devk8s::util
