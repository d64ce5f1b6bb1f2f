#include "shell_words.hpp"

namespace devk8s::sim {

std::optional<std::vector<ShellCommand>> split_shell(const std::string& line, std::string& error)
{
  std::vector<ShellCommand> commands(1);
  std::string word;
  bool in_word = false;
  auto finish_word = [&] {
    if (in_word) {
      commands.back().words.push_back(word);
    }
    word.clear();
    in_word = false;
  };
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'') {
      const auto end = line.find('\'', i + 1);
      if (end == std::string::npos) {
        error = "bash: -c: line 1: unexpected EOF while looking for matching `''";
        return std::nullopt;
      }
      word += line.substr(i + 1, end - i - 1);
      in_word = true;
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size() && std::string("\"\\$`").find(line[j + 1]) != std::string::npos) {
          word += line[++j];
        } else if (line[j] == '$' || line[j] == '`') {
          error = "the simulated node shell does not expand '" + std::string(1, line[j]) + "' in: " + line;
          return std::nullopt;
        } else {
          word += line[j];
        }
      }
      if (j >= line.size()) {
        error = "bash: -c: line 1: unexpected EOF while looking for matching `\"'";
        return std::nullopt;
      }
      in_word = true;
      i = j;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      finish_word();
    } else if (c == ';' || (c == '&' && i + 1 < line.size() && line[i + 1] == '&')) {
      finish_word();
      commands.back().and_then = c == '&';
      i += c == '&' ? 1 : 0;
      commands.emplace_back();
    } else if (std::string("|<>$`*?(){}&").find(c) != std::string::npos) {
      error = "the simulated node shell does not interpret '" + std::string(1, c) + "' in: " + line;
      return std::nullopt;
    } else {
      word += c;
      in_word = true;
    }
  }
  finish_word();
  if (commands.back().words.empty()) {
    commands.pop_back();
  }
  return commands;
}

} // namespace devk8s::sim
