// How long one Kubernetes list page takes to parse, four ways (issue #12: "measure nlohmann/json's
// SAX interface and simdjson and choose by the numbers"). Built and run by bench/json_page.sh.
//   nlohmann DOM       json::parse of the whole page (what doctor did before)
//   nlohmann callback  the SAX-driven callback parser, each item moved out as it completes
//   simdjson DOM       simdjson's parse alone (runtime-dispatched; the floor)
//   simdjson + build   simdjson's parse, then each item built as an nlohmann tree (util::parse_json_list)
#include <simdjson.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using Json = nlohmann::json;

Json build(simdjson::dom::element value)
{
  using Type = simdjson::dom::element_type;
  switch (value.type()) {
  case Type::OBJECT: {
    Json object = Json::object();
    for (const auto [key, member] : simdjson::dom::object(value)) {
      object[std::string(key)] = build(member);
    }
    return object;
  }
  case Type::ARRAY: {
    Json array = Json::array();
    for (const auto element : simdjson::dom::array(value)) {
      array.push_back(build(element));
    }
    return array;
  }
  case Type::STRING:
    return std::string(std::string_view(value));
  case Type::INT64:
    return std::int64_t(value);
  case Type::UINT64:
    return std::uint64_t(value);
  case Type::DOUBLE:
    return double(value);
  case Type::BOOL:
    return bool(value);
  case Type::NULL_VALUE:
    break;
  }
  return nullptr;
}

template <typename F>
double per_run_ms(int runs, F f)
{
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) {
    f();
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / runs;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc != 3) {
    std::cerr << "usage: json_page FILE RUNS\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  const std::string page = text.str();
  const int runs = std::atoi(argv[2]);
  std::size_t items = 0;
  simdjson::dom::parser parser;

  const double dom = per_run_ms(runs, [&] { items = Json::parse(page)["items"].size(); });
  // (each way also sets `items`, so the work cannot be optimised away)
  const double callback = per_run_ms(runs, [&] {
    bool in_items = false;
    std::size_t n = 0;
    const Json::parser_callback_t cb = [&](int depth, Json::parse_event_t event, Json& parsed) {
      if (event == Json::parse_event_t::key && depth == 1) {
        in_items = parsed.get_ref<const std::string&>() == "items";
      } else if (event == Json::parse_event_t::object_end && depth == 2 && in_items) {
        Json item = std::move(parsed);
        ++n;
        return false;
      }
      return true;
    };
    const Json rest = Json::parse(page, cb);
    items = n + (rest.is_object() ? 0 : 1);
  });
  const double simd = per_run_ms(runs, [&] { items = simdjson::dom::array(parser.parse(page)["items"]).size(); });
  const double simd_build = per_run_ms(runs, [&] {
    std::size_t n = 0;
    for (const auto item : simdjson::dom::array(parser.parse(page)["items"])) {
      Json built = build(item);
      n += built.empty() ? 0 : 1;
    }
    items = n;
  });
  std::cout << "page: " << page.size() << " bytes, " << items << " items, " << runs << " runs each; simdjson "
            << simdjson::get_active_implementation()->name() << "\n"
            << "| way | ms per page | MB/s |\n|---|---|---|\n";
  const auto row = [&](const char* name, double ms) {
    std::cout << "| " << name << " | " << ms << " | " << static_cast<double>(page.size()) / 1e3 / ms << " |\n";
  };
  row("nlohmann DOM", dom);
  row("nlohmann callback (SAX), items moved out", callback);
  row("simdjson DOM alone", simd);
  row("simdjson DOM + each item built as nlohmann", simd_build);
  return 0;
}
