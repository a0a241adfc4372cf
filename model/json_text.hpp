// JSON documents read from files (tables, cost constants). Nesting is bounded while parsing:
// a deeper document is refused before anything walks it recursively (printing a value for a
// message, copying, comparing), which could exhaust the stack.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace gqalut {

// Far more than any file of the tool needs (a table nests 4 levels).
constexpr int kMaxJsonDepth = 32;

// Throws BadInput "NAME: invalid JSON: WHAT" (syntax, a number out of range, nesting deeper
// than kMaxJsonDepth).
nlohmann::json parse_json_text(const std::string& text, const std::string& name);

}  // namespace gqalut
