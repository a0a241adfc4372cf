#include "model/csv.hpp"

#include <cmath>
#include <sstream>

#include "model/errors.hpp"

namespace gqalut {

namespace {

std::vector<std::string> split_fields(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : line) {
        if (ch == ',') {
            out.push_back(cur);
            cur.clear();
        } else if (ch != '\r') {
            cur += ch;
        }
    }
    out.push_back(cur);
    return out;
}

}  // namespace

void read_csv(const std::string& text, const std::string& name, const std::vector<std::string>& columns,
              const std::function<void(const std::vector<std::string>& fields, const std::string& where)>& row) {
    std::string header_line;
    for (const auto& c : columns) header_line += (header_line.empty() ? "" : ",") + c;
    std::istringstream in(text);
    std::string line;
    int lineno = 0;
    bool header = false;
    size_t rows = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        const auto f = split_fields(line);
        const std::string where = name + ":" + std::to_string(lineno);
        if (!header) {
            bool ok = f.size() >= columns.size();
            for (size_t i = 0; ok && i < columns.size(); ++i) ok = f[i] == columns[i];
            if (!ok) throw BadInput(where + ": expected the header " + header_line);
            header = true;
            continue;
        }
        if (f.size() < columns.size()) throw BadInput(where + ": expected " + std::to_string(columns.size()) + " fields");
        row(f, where);
        ++rows;
    }
    if (rows == 0) throw BadInput(name + ": no rows");
}

double csv_number(const std::string& field, const std::string& where, bool zero_ok) {
    try {
        size_t used = 0;
        const double d = std::stod(field, &used);
        if (used == field.size() && std::isfinite(d) && (zero_ok ? d >= 0 : d > 0)) return d;
    } catch (const std::exception&) {
    }
    throw BadInput(where + ": '" + field + "' is not a " + (zero_ok ? "non-negative" : "positive") + " number");
}

}  // namespace gqalut
