// The small CSV files the tool embeds and reads (paper Table 6, the Yosys area estimate): one
// header line naming the columns, '#' comment lines, comma-separated fields, no quoting.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "file_io.hpp"   // read_text_file

namespace gqalut {

// Calls `row` for every data line with its fields and "NAME:LINE" for messages. The header must
// start with `columns` and every data line must have as many fields. Throws BadInput naming
// the file and line, or "NAME: no rows" when there is no data line.
void read_csv(const std::string& text, const std::string& name, const std::vector<std::string>& columns,
              const std::function<void(const std::vector<std::string>& fields, const std::string& where)>& row);

// A CSV field that must be a finite number above 0 (or at least 0 with zero_ok); throws
// BadInput naming `where`.
double csv_number(const std::string& field, const std::string& where, bool zero_ok);

}  // namespace gqalut
