#include "core/finding/chains.hpp"

#include <algorithm>

namespace devk8s::core::finding {

namespace {

using Edges = std::vector<std::vector<std::size_t>>;

// Depth first; `path` holds the chain so far, which is also what a cycle would come back to.
void walk(const Edges& causes, std::size_t at, Chain& path, std::vector<bool>& reached, std::vector<Chain>& out)
{
  path.push_back(at);
  reached[at] = true;
  bool extended = false;
  for (const std::size_t next : causes[at]) {
    if (std::find(path.begin(), path.end(), next) != path.end()) {
      continue;
    }
    extended = true;
    walk(causes, next, path, reached, out);
  }
  if (!extended) {
    out.push_back(path);
  }
  path.pop_back();
}

} // namespace

std::optional<std::size_t> find(const std::vector<Finding>& findings, const FindingRef& ref)
{
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].id == ref.id && findings[i].subject == ref.subject) {
      return i;
    }
  }
  return std::nullopt;
}

std::vector<Chain> chains(const std::vector<Finding>& findings)
{
  Edges causes(findings.size());
  std::vector<bool> named(findings.size(), false);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    for (const auto& ref : findings[i].causes) {
      const auto cause = find(findings, ref);
      if (cause && *cause != i && std::find(causes[i].begin(), causes[i].end(), *cause) == causes[i].end()) {
        causes[i].push_back(*cause);
        named[*cause] = true;
      }
    }
  }
  std::vector<Chain> out;
  std::vector<bool> reached(findings.size(), false);
  Chain path;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!named[i]) {
      walk(causes, i, path, reached, out);
    }
  }
  // What only a cycle leads to has no symptom outside it: start at the first one listed.
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!reached[i]) {
      walk(causes, i, path, reached, out);
    }
  }
  return out;
}

std::vector<Problem> problems(const std::vector<Chain>& chains)
{
  std::vector<Problem> out;
  for (const auto& chain : chains) {
    if (chain.empty()) {
      continue;
    }
    auto it = std::find_if(out.begin(), out.end(), [&](const Problem& p) { return p.root == chain.back(); });
    if (it == out.end()) {
      out.push_back({chain.back(), {chain}, chain.size()});
      continue;
    }
    const Chain& first = it->chains.front();
    std::size_t common = 0;
    while (common < it->shared && common < chain.size() &&
           first[first.size() - 1 - common] == chain[chain.size() - 1 - common]) {
      ++common;
    }
    it->shared = common;
    it->chains.push_back(chain);
  }
  // A chain wholly inside the common part would print nothing of its own: keep one finding of it.
  for (auto& p : out) {
    for (const auto& chain : p.chains) {
      if (p.chains.size() > 1 && chain.size() <= p.shared) {
        p.shared = chain.size() - 1;
      }
    }
    if (p.shared == 0) {
      p.shared = 1; // the root is always shared; a chain of one is then the root alone
    }
  }
  return out;
}

} // namespace devk8s::core::finding
