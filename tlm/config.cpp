#include "tlm/config.hpp"

#include <cstdlib>
#include <sstream>

#include "model/errors.hpp"
#include "model/file_io.hpp"

namespace gqalut::vp {

namespace {

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

Config& Config::global() {
    static Config c = [] {
        Config fresh;
        fresh.load_environment();
        return fresh;
    }();
    return c;
}

void Config::set(const std::string& assignment, const std::string& origin) {
    const std::string a = trim(assignment);
    const size_t eq = a.find('=');
    const std::string key = trim(a.substr(0, eq));
    const size_t dot = key.rfind('.');
    const std::string where = origin.empty() ? "" : origin + ": ";
    if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 == key.size() || trim(a.substr(eq + 1)).empty()) {
        // A line can be megabytes long (a file that is not a configuration): its start names it.
        constexpr size_t kShown = 80;
        const std::string shown = a.size() > kShown ? a.substr(0, kShown) + "... (" + std::to_string(a.size()) + " bytes)" : a;
        throw BadInput(where + "'" + shown + "' is not INSTANCE.PARAMETER=VALUE");
    }
    entries_.push_back({key.substr(0, dot), key.substr(dot + 1), trim(a.substr(eq + 1)), origin.empty() ? a : origin});
}

void Config::load_file(const std::string& path) {
    // Read whole and capped like every input file: a directory is refused, /dev/zero ends.
    std::istringstream in([&] {
        try {
            return read_text_file(path);
        } catch (const BadInput& e) {   // "PATH: why": said as the file that cannot be read
            std::string why = e.what();
            if (why.rfind(path + ": ", 0) == 0) why.erase(0, path.size() + 2);
            throw BadInput("configuration file " + path + " cannot be read: " + why);
        }
    }());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const std::string text = trim(line.substr(0, line.find('#')));
        if (!text.empty()) set(text, path + ":" + std::to_string(n));
    }
}

void Config::load_environment() {
    if (const char* file = std::getenv("GQALUT_CONFIG"); file && *file) load_file(file);
    if (const char* list = std::getenv("GQALUT_SET")) {
        std::string item;
        for (const char* p = list;; ++p) {
            if (*p == '\0' || *p == ' ' || *p == ',' || *p == ';' || *p == '\n') {
                if (!trim(item).empty()) set(item, "GQALUT_SET " + trim(item));
                item.clear();
                if (*p == '\0') break;
            } else {
                item += *p;
            }
        }
    }
}

void Config::clear() { entries_.clear(); }

std::vector<Config::Setting> Config::take(const std::string& instance) {
    std::vector<Setting> out;
    for (auto& e : entries_) {
        const bool named = instance == e.instance ||
                           (instance.size() > e.instance.size() &&
                            instance.compare(instance.size() - e.instance.size(), e.instance.size(), e.instance) == 0 &&
                            instance[instance.size() - e.instance.size() - 1] == '.');
        if (!named) continue;
        e.taken = true;
        out.push_back({e.parameter, e.value, e.origin});
    }
    return out;
}

std::vector<std::string> Config::not_taken() const {
    std::vector<std::string> out;
    for (const auto& e : entries_)
        if (!e.taken) out.push_back(e.instance + "." + e.parameter + "=" + e.value + " (" + e.origin + ")");
    return out;
}

}  // namespace gqalut::vp
