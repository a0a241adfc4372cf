// Output paths of the subcommands, checked before any work starts, so a bad one costs nothing
// and creates nothing. Besides being writable (model/file_io.hpp: only regular files are ever
// replaced), no output may be one of the command's input files: the same file by device and
// inode, however it is named (a link, a directory prefix such as --out D over --table D/in.hex).
#pragma once
#include <string>
#include <vector>

#include "model/file_io.hpp"
#include "model/pwl_table.hpp"

namespace gqalut::cli {

// An input file and the option that named it ("" paths are skipped).
struct InputFile {
    std::string option, path;
};
using Inputs = std::vector<InputFile>;

// A file named by `option`: not empty, writable, and none of `inputs`. Throws BadInput.
void check_output_file(const std::string& path, const std::string& option, const Inputs& inputs);

// sim --vcd FILE: FILE ends in .vcd (SystemC's trace writer appends .vcd to any other name; so
// the file written is exactly FILE), and is an output file as above.
void check_vcd_file(const std::string& path, const Inputs& inputs);

// cosim --vcd PREFIX: the two files PREFIX-cycle.vcd and PREFIX-rtl.vcd as output files; a
// PREFIX ending in .vcd is refused (the files would be named X.vcd-cycle.vcd).
void check_vcd_prefix(const std::string& prefix, const Inputs& inputs);

// A directory that receives the files `names` as one set (write_file_set): it is a directory
// or can be created, and each member is absent or a regular file and none of `inputs`.
void check_output_dir(const std::string& dir, const std::string& option, const std::vector<std::string>& names,
                      const Inputs& inputs);

// vp --save-tables DIR: the tables as FUNCTION.json (exp.json, gelu.json, ...), as one set.
std::vector<std::string> table_file_names(const std::vector<const PwlTable*>& tables);
void save_table_set(const std::string& dir, const std::vector<const PwlTable*>& tables);

}  // namespace gqalut::cli
