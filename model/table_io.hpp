// Table files (docs/table-format.md): the project's own versioned JSON, and the reference implementation's
// JSON (`{"gelu": {"0": {"breakpoints": [...], "slopes": [...], "intercepts": [...]}, ...}}`),
// detected automatically. Loading validates everything; errors name file, field, index, value.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "file_io.hpp"
#include "pwl_table.hpp"

namespace gqalut {

// The newest version this build reads and writes; a table without version-2 fields is written
// as version 1 (PwlTable::format_version()).
constexpr int kTableFormatVersion = 2;

PwlTable load_table(const std::string& path);                       // throws BadInput
PwlTable table_from_json_text(const std::string& text, const std::string& name);
nlohmann::json table_to_json(const PwlTable& t);
// Writes atomically (write_file_atomic): a failed write leaves whatever was at `path` untouched.
void save_table(const PwlTable& t, const std::string& path);

}  // namespace gqalut
