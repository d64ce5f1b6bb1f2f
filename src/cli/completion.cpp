#include "cli/completion.hpp"

#include "cli/app.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace devk8s::cli {

namespace {

enum class ValueKind { none, mirror, profile, context, addon, file, directory };

// Values known by concept: a flag by its long name, a positional by its command and name. What an
// option accepts from a fixed set (CLI::IsMember) needs no entry: it is read off the option.
const std::map<std::string, ValueKind>& value_kinds()
{
  static const std::map<std::string, ValueKind> kinds = {
      {"--mirror", ValueKind::mirror},       {"--profile", ValueKind::profile},
      {"--context", ValueKind::context},     {"retag ADDON", ValueKind::addon},
      {"mirror show NAME", ValueKind::mirror}, {"mirror rewrite INPUT", ValueKind::file},
  };
  return kinds;
}

bool hidden(const CLI::Option* opt) { return opt->get_group().empty(); }
// A flag is expected(0): it takes no value, whatever its type.
bool takes_value(const CLI::Option* opt) { return opt->get_expected_max() > 0 && opt->get_type_size_max() > 0; }

std::string path_below_root(const CLI::App* app)
{
  std::string path;
  for (const CLI::App* a = app; a != nullptr && a->get_parent() != nullptr; a = a->get_parent()) {
    path = path.empty() ? a->get_name() : a->get_name() + " " + path;
  }
  return path;
}

// A flag of `app` or, since the command line falls through to them, of its parents.
const CLI::Option* find_flag(const CLI::App* app, const std::string& name)
{
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    const CLI::Option* opt = a->get_option_no_throw(name);
    if (opt != nullptr && opt->nonpositional()) {
      return opt;
    }
  }
  return nullptr;
}

const CLI::App* find_subcommand(const CLI::App* app, const std::string& word)
{
  for (const CLI::App* sub : app->get_subcommands({})) {
    if (!sub->get_group().empty() && sub->check_name(word)) {
      return sub;
    }
  }
  return nullptr;
}

// CLI::IsMember shows its set in the type name: "FORMAT:{text,json}".
std::vector<std::string> members(const CLI::Option* opt)
{
  const std::string type = opt->get_type_name();
  const auto open = type.find(":{");
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) {
    return {};
  }
  std::vector<std::string> values;
  for (const auto value : util::split(std::string_view(type).substr(open + 2, close - open - 2), ',')) {
    if (!value.empty()) {
      values.emplace_back(value);
    }
  }
  return values;
}

// The words of the line that set the option named `name` (its last value wins, as in parsing).
struct Typed {
  std::map<const CLI::Option*, std::vector<std::string>> values;
  std::vector<std::string> positionals;

  /// The values given to the flag `name` of `app` or of a parent (`devk8s --kubeconfig F doctor`).
  std::vector<std::string> of(const CLI::App* app, const std::string& name) const
  {
    std::vector<std::string> given;
    for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
      const auto it = values.find(a->get_option_no_throw(name));
      if (it != values.end()) {
        given.insert(given.begin(), it->second.begin(), it->second.end());
      }
    }
    return given;
  }
};

class Completer {
public:
  Completer(CompletionValues& values, const Typed& typed) : m_values(values), m_typed(typed) {}

  Completion values_of(const CLI::App* app, const CLI::Option* opt, const std::string& current,
                       const std::string& prefix) const
  {
    Completion out;
    std::vector<std::string> values = members(opt);
    ValueKind kind = ValueKind::none;
    if (values.empty()) {
      kind = kind_of(app, opt);
      values = dynamic_values(app, kind);
    }
    for (const auto& value : values) {
      if (value.starts_with(current) &&
          (!opt->get_positional() ||
           std::find(m_typed.positionals.begin(), m_typed.positionals.end(), value) == m_typed.positionals.end())) {
        out.candidates.push_back({prefix + value, ""});
      }
    }
    if (out.candidates.empty() && kind == ValueKind::file) {
      out.directive = k_complete_default;
    } else if (out.candidates.empty() && kind == ValueKind::directory) {
      out.directive = k_complete_directories;
    }
    return out;
  }

private:
  static ValueKind kind_of(const CLI::App* app, const CLI::Option* opt)
  {
    const auto& kinds = value_kinds();
    std::string key = opt->get_positional() && !opt->nonpositional()
                          ? path_below_root(app) + " " + opt->get_name(true, false)
                          : (opt->get_lnames().empty() ? std::string() : "--" + opt->get_lnames().front());
    if (const auto it = kinds.find(key); it != kinds.end()) {
      return it->second;
    }
    const std::string type = opt->get_type_name();
    if (type.starts_with("FILE")) {
      return ValueKind::file;
    }
    if (type.starts_with("DIR")) {
      return ValueKind::directory;
    }
    return ValueKind::none;
  }

  std::vector<std::string> dynamic_values(const CLI::App* app, ValueKind kind) const
  {
    switch (kind) {
    case ValueKind::mirror:
      return m_values.mirrors(m_typed.of(app, "--mirror-file"));
    case ValueKind::profile:
      return m_values.profiles();
    case ValueKind::context: {
      const auto kubeconfig = m_typed.of(app, "--kubeconfig");
      return m_values.contexts(kubeconfig.empty() ? std::string() : kubeconfig.back());
    }
    case ValueKind::addon:
      return m_values.addons();
    case ValueKind::none:
    case ValueKind::file:
    case ValueKind::directory:
      break;
    }
    return {};
  }

  CompletionValues& m_values;
  const Typed& m_typed;
};

Completion flags_of(const CLI::App* app, const std::string& current, const std::set<const CLI::Option*>& used)
{
  Completion out;
  std::set<std::string> seen;
  const bool with_short = current.size() <= 2 && !current.starts_with("--");
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* opt : a->get_options()) {
      if (!opt->nonpositional() || hidden(opt)) {
        continue;
      }
      // The root's cluster flags reach only the commands that have their own (app.cpp refuses them
      // elsewhere); the root itself takes them.
      if (a != app && opt->get_group() == k_cluster_flags_group) {
        continue;
      }
      // A single value given twice is a mistake; flags and lists may repeat.
      if (used.count(opt) != 0 && takes_value(opt) && opt->get_items_expected_max() <= 1) {
        continue;
      }
      std::vector<std::string> names;
      for (const auto& l : opt->get_lnames()) {
        names.push_back("--" + l);
      }
      if (with_short) {
        for (const auto& s : opt->get_snames()) {
          names.push_back("-" + s);
        }
      }
      for (const auto& name : names) {
        // A subcommand's flag hides its parent's of the same name, as in parsing.
        if (seen.insert(name).second && name.starts_with(current)) {
          out.candidates.push_back({name, opt->get_description()});
        }
      }
    }
  }
  return out;
}

// The positional option the next plain word of `app` fills, after `count` of them.
const CLI::Option* positional_at(const CLI::App* app, std::size_t count)
{
  std::size_t filled = 0;
  for (const CLI::Option* opt : app->get_options()) {
    if (!opt->get_positional() || opt->nonpositional()) {
      continue;
    }
    const auto max = static_cast<std::size_t>(std::max(opt->get_items_expected_max(), 1));
    if (count < filled + max) {
      return opt;
    }
    filled += max;
  }
  return nullptr;
}

} // namespace

Completion complete(const CLI::App& root, const std::vector<std::string>& words, CompletionValues& values)
{
  const CLI::App* app = &root;
  Typed typed;
  std::set<const CLI::Option*> used;
  const CLI::Option* pending = nullptr; // a flag whose value is the word being typed
  bool after_dash_dash = false;
  const std::size_t last = words.empty() ? 0 : words.size() - 1;
  for (std::size_t i = 0; i < last; ++i) {
    const std::string& word = words[i];
    if (after_dash_dash) {
      continue;
    }
    if (word == "--") {
      after_dash_dash = true;
      continue;
    }
    if (word.size() > 1 && word[0] == '-') {
      std::string name = word;
      std::optional<std::string> value;
      if (word.starts_with("--")) {
        if (const auto eq = word.find('='); eq != std::string::npos) {
          name = word.substr(0, eq);
          value = word.substr(eq + 1);
        }
      } else if (word.size() > 2) {
        // -ojson is -o json; -vn ns is -v then -n ns: the first that takes a value takes the rest.
        std::size_t at = 1;
        while (at + 1 < word.size()) {
          const CLI::Option* flag = find_flag(app, std::string("-") + word[at]);
          if (flag == nullptr || takes_value(flag)) {
            break;
          }
          used.insert(flag);
          ++at;
        }
        name = std::string("-") + word[at];
        if (at + 1 < word.size()) {
          value = word.substr(at + 1);
        }
      }
      const CLI::Option* opt = find_flag(app, name);
      if (opt == nullptr) {
        continue;
      }
      used.insert(opt);
      if (!takes_value(opt)) {
        continue;
      }
      if (!value) {
        if (i + 1 == last) {
          pending = opt;
          break;
        }
        value = words[++i];
      }
      typed.values[opt].push_back(*value);
      continue;
    }
    if (const CLI::App* sub = find_subcommand(app, word)) {
      app = sub;
      typed.positionals.clear();
      continue;
    }
    typed.positionals.push_back(word);
  }

  const std::string current = words.empty() ? std::string() : words.back();
  const Completer completer(values, typed);
  if (pending != nullptr) {
    return completer.values_of(app, pending, current, "");
  }
  if (after_dash_dash) {
    return {{}, k_complete_default}; // another program's arguments (start's minikube flags)
  }
  if (current.starts_with("--") && current.find('=') != std::string::npos) {
    const auto eq = current.find('=');
    const CLI::Option* opt = find_flag(app, current.substr(0, eq));
    if (opt == nullptr || !takes_value(opt)) {
      return {};
    }
    return completer.values_of(app, opt, current.substr(eq + 1), current.substr(0, eq + 1));
  }
  if (current.size() > 2 && current[0] == '-' && current[1] != '-') {
    const CLI::Option* opt = find_flag(app, current.substr(0, 2));
    if (opt != nullptr && takes_value(opt)) {
      return completer.values_of(app, opt, current.substr(2), current.substr(0, 2)); // -ojs → -ojson
    }
  }
  if (!current.empty() && current[0] == '-') {
    return flags_of(app, current, used);
  }
  Completion out;
  if (const CLI::Option* positional = positional_at(app, typed.positionals.size())) {
    out = completer.values_of(app, positional, current, "");
  }
  for (const CLI::App* sub : app->get_subcommands({})) {
    if (!sub->get_group().empty() && sub->get_name().starts_with(current) && typed.positionals.empty()) {
      out.candidates.push_back({sub->get_name(), sub->get_description()});
    }
  }
  if (!out.candidates.empty()) {
    out.directive = k_complete_no_files;
  }
  return out;
}

std::string format_completion(const Completion& completion)
{
  std::string out;
  for (const auto& candidate : completion.candidates) {
    out += candidate.value;
    if (!candidate.description.empty()) {
      // One line each: a description's own tabs and line breaks would split the candidate.
      std::string description = candidate.description;
      std::replace_if(description.begin(), description.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
      out += "\t" + description;
    }
    out += '\n';
  }
  out += ":" + std::to_string(completion.directive) + "\n";
  return out;
}

const std::vector<std::string>& completion_shells()
{
  static const std::vector<std::string> shells = {"bash", "zsh", "fish"};
  return shells;
}

namespace {

// The scripts ask the program the user typed (so a build tree's devk8s completes itself), with
// everything up to the cursor. Each keeps to its shell's own completion API: bash's
// COMP_LINE/COMP_POINT and compopt (file names are readline's own), zsh's compsys (compadd,
// _files), fish's `complete`.

const char* const k_bash = R"SH(# bash completion for @P@ (generated by '@P@ completion bash')
# Load it for this shell:   source <(@P@ completion bash)
# For every shell:          @P@ completion bash > ~/.local/share/bash-completion/completions/@P@
_@F@_complete() {
  local line=${COMP_LINE:0:COMP_POINT}
  # The words up to the cursor, as the shell will pass them: quotes and backslashes taken off
  # (--kubeconfig "my dir/k" is one word), `--mirror=c` one word (bash's COMP_WORDS splits at
  # '='), "" for a word not begun. Read, never eval'd: the line is not run.
  local -a words=()
  local word="" quote="" c i begun=0
  for (( i = 0; i < ${#line}; i++ )); do
    c=${line:i:1}
    if [[ $quote == "'" ]]; then
      if [[ $c == "'" ]]; then quote=""; else word+=$c; fi
    elif [[ $quote == '"' ]]; then
      if [[ $c == '"' ]]; then
        quote=""
      elif [[ $c == '\' && ${line:i+1:1} == [\"\\\$\`] ]]; then
        word+=${line:i+1:1}; i=$(( i + 1 ))
      else
        word+=$c
      fi
    elif [[ $c == [[:space:]] ]]; then
      (( begun )) && words+=("$word")
      word="" begun=0
    else
      begun=1
      case $c in
        "'" | '"') quote=$c ;;
        '\') word+=${line:i+1:1}; i=$(( i + 1 )) ;;
        *) word+=$c ;;
      esac
    fi
  done
  words+=("$word")
  (( ${#words[@]} < 2 )) && words+=("")
  local cur=${words[${#words[@]}-1]}
  local program=${words[0]}
  [[ $program == "~/"* ]] && program=$HOME/${program#"~/"}
  local out
  # stdin is not the terminal's: nothing a flag names (--kubeconfig /dev/stdin) can wait on it.
  out=$("$program" __complete "${words[@]:1}" 2>/dev/null </dev/null) || return 0
  local directive=${out##*:}
  local -a candidates=()
  local entry
  while IFS= read -r entry; do
    [[ -z $entry || $entry == :* ]] && continue
    candidates+=("${entry%%$'\t'*}")
  done <<< "$out"
  COMPREPLY=()
  if (( ${#candidates[@]} )); then
    # readline replaces only the text after the last '=' or ':' of the word: drop what precedes it.
    local kept=${cur%"${cur##*[=:]}"}
    local candidate
    for candidate in "${candidates[@]}"; do
      COMPREPLY+=("${candidate#"$kept"}")
    done
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
  elif (( directive & 16 )); then
    # readline's own name completion knows the word's quoting and its '=' and ':'.
    compopt -o dirnames 2>/dev/null
  elif (( ! (directive & 4) )); then
    compopt -o default 2>/dev/null
  fi
  return 0
}
complete -F _@F@_complete @P@
)SH";

const char* const k_zsh = R"SH(#compdef @P@
# zsh completion for @P@ (generated by '@P@ completion zsh')
# Load it for this shell:   source <(@P@ completion zsh)   (after compinit)
# For every shell:          @P@ completion zsh > "${fpath[1]}/_@P@"
_@F@() {
  local out directive entry value description program=${words[1]}
  local -a lines values displays
  [[ $program == '~/'* ]] && program=$HOME/${program#'~/'}
  # stdin is not the terminal's: nothing a flag names (--kubeconfig /dev/stdin) can wait on it.
  out=$("$program" __complete "${(@)words[2,CURRENT]}" 2>/dev/null </dev/null) || return 1
  lines=("${(@f)out}")
  directive=${${lines[-1]}#:}
  for entry in "${(@)lines[1,-2]}"; do
    [[ -z $entry ]] && continue
    value=${entry%%$'\t'*}
    description=""
    [[ $entry == *$'\t'* ]] && description=${entry#*$'\t'}
    values+=("$value")
    displays+=("$value${description:+  -- $description}")
  done
  if (( ${#values} )); then
    local -a nospace
    (( directive & 2 )) && nospace=(-S '')
    compadd -l -Q "${nospace[@]}" -d displays -- "${values[@]}"
  elif (( ! (directive & 4) || (directive & 16) )); then
    # A name after --flag= is completed on its own.
    [[ $PREFIX == --*=* ]] && compset -P '*='
    if (( directive & 16 )); then _path_files -/; else _files; fi
  else
    return 1
  fi
}
if [[ ${funcstack[1]} == _@F@ ]]; then
  _@F@ "$@"
elif (( $+functions[compdef] )); then
  compdef _@F@ @P@
fi
)SH";

const char* const k_fish = R"SH(# fish completion for @P@ (generated by '@P@ completion fish')
# Load it for this shell:   @P@ completion fish | source
# For every shell:          @P@ completion fish > ~/.config/fish/completions/@P@.fish
function __@F@_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct | string unescape)
    set -l program (string replace -r -- '^~/' "$HOME/" $tokens[1])
    # stdin is not the terminal's: nothing a flag names (--kubeconfig /dev/stdin) can wait on it.
    set -l out ($program __complete $tokens[2..-1] "$current" 2>/dev/null </dev/null)
    or return
    set -l directive (string replace -r -- '^:' '' $out[-1])
    set -e out[-1]
    if test (count $out) -gt 0
        printf '%s\n' $out
        return
    end
    # A name after --flag= is completed on its own, and given back with the flag.
    set -l flag (string match -r -- '^--[^=]*=' "$current")
    set -l name (string replace -r -- '^--[^=]*=' '' "$current")
    if test (math "bitand($directive, 16)") -ne 0
        for candidate in (__fish_complete_directories "$name")
            echo "$flag$candidate"
        end
    else if test (math "bitand($directive, 4)") -eq 0
        for candidate in (__fish_complete_path "$name")
            echo "$flag$candidate"
        end
    end
end
complete -c @P@ -f -a '(__@F@_complete)'
)SH";

std::string replace_all(std::string text, std::string_view from, const std::string& to)
{
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string fill(std::string text, std::string_view program)
{
  std::string function(program);
  std::replace_if(function.begin(), function.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
  text = replace_all(text, "@F@", function);
  return replace_all(text, "@P@", std::string(program));
}

} // namespace

std::string completion_script(std::string_view shell, std::string_view program)
{
  if (shell == "bash") {
    return fill(k_bash, program);
  }
  if (shell == "zsh") {
    return fill(k_zsh, program);
  }
  if (shell == "fish") {
    return fill(k_fish, program);
  }
  return {};
}

} // namespace devk8s::cli
