#include "json_text.hpp"

#include "errors.hpp"

namespace gqalut {

namespace {
struct TooDeep {};
}  // namespace

nlohmann::json parse_json_text(const std::string& text, const std::string& name) {
    using nlohmann::json;
    const json::parser_callback_t limit = [](int depth, json::parse_event_t event, json&) {
        if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
            depth >= kMaxJsonDepth)
            throw TooDeep{};
        return true;
    };
    try {
        return json::parse(text, limit);
    } catch (const TooDeep&) {
        throw BadInput(name + ": invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    } catch (const json::exception& e) {   // syntax errors, and numbers out of range ("2e453")
        const std::string what = e.what();
        const auto pos = what.find("] ");
        throw BadInput(name + ": invalid JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2)));
    }
}

}  // namespace gqalut
