#include "sims/cli/outputs.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "model/errors.hpp"
#include "model/table_io.hpp"

namespace gqalut::cli {

namespace {

bool ends_with_vcd(const std::string& s) { return s.size() >= 4 && s.compare(s.size() - 4, 4, ".vcd") == 0; }

void check_not_input(const std::string& path, const std::string& option, const Inputs& inputs) {
    for (const InputFile& in : inputs)
        if (!in.path.empty() && same_file(path, in.path))
            throw BadInput(option + ": " + path + " is the file given to " + in.option + " (" + in.path +
                           "); writing it would destroy that input");
}

// The first existing directory on the way up from `dir` (itself included).
std::string nearest_existing(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p = fs::absolute(dir, ec);
    while (!p.empty() && !fs::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
    return p.string();
}

}  // namespace

void check_output_file(const std::string& path, const std::string& option, const Inputs& inputs) {
    const std::string why = unwritable_reason(path);
    if (!why.empty()) throw BadInput(option + ": cannot write " + (path.empty() ? "''" : path) + ": " + why);
    check_not_input(path, option, inputs);
}

void check_vcd_file(const std::string& path, const Inputs& inputs) {
    if (!path.empty() && !ends_with_vcd(path))
        throw BadInput("--vcd: '" + path + "' does not end in .vcd (the trace is written to exactly the file named)");
    check_output_file(path, "--vcd", inputs);
}

void check_vcd_prefix(const std::string& prefix, const Inputs& inputs) {
    if (prefix.empty()) throw BadInput("--vcd: an empty prefix names no file");
    if (ends_with_vcd(prefix))
        throw BadInput("--vcd: PREFIX '" + prefix + "' ends in .vcd; give the prefix (the files are PREFIX-cycle.vcd and "
                       "PREFIX-rtl.vcd)");
    for (const char* suffix : {"-cycle.vcd", "-rtl.vcd"}) check_output_file(prefix + suffix, "--vcd", inputs);
}

void check_output_dir(const std::string& dir, const std::string& option, const std::vector<std::string>& names,
                      const Inputs& inputs) {
    if (dir.empty()) throw BadInput(option + ": an empty path names no directory");
    struct stat st{};
    if (stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) throw BadInput(option + ": " + dir + ": is not a directory");
        if (access(dir.c_str(), W_OK) != 0) throw BadInput(option + ": " + dir + " is not writable");
    } else {
        const std::string up = nearest_existing(dir);
        if (stat(up.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || access(up.c_str(), W_OK) != 0)
            throw BadInput(option + ": cannot create " + dir + " (" + up + " is not a writable directory)");
        return;   // nothing in it yet, so nothing to replace
    }
    for (const std::string& name : names) {
        const std::string path = dir + "/" + name;
        struct stat m{};
        if (lstat(path.c_str(), &m) == 0 && !S_ISREG(m.st_mode))
            throw BadInput(option + ": " + path + " exists and is not a regular file; not replaced");
        check_not_input(path, option, inputs);
    }
}

std::vector<std::string> table_file_names(const std::vector<const PwlTable*>& tables) {
    std::vector<std::string> names;
    for (const PwlTable* t : tables) names.push_back(t->function + ".json");
    return names;
}

void save_table_set(const std::string& dir, const std::vector<const PwlTable*>& tables) {
    FileSet files;
    for (const PwlTable* t : tables) {
        validate(*t);
        files.emplace_back(t->function + ".json", table_to_json(*t).dump(2) + "\n");
    }
    write_file_set(dir, files);
}

}  // namespace gqalut::cli
