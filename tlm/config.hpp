// Run-time configuration by instance name, as CCI brokers and VCML properties do: settings
// INSTANCE.PARAMETER=VALUE that each module takes when it is constructed, so a platform changes
// the accelerator's parameters without recompiling. INSTANCE is a module's SystemC name
// ("vp.accel") or a trailing part of it ("accel": every module of that name). Settings come, in
// this order, later ones winning: the file named by the environment variable GQALUT_CONFIG,
// the environment variable GQALUT_SET, then whatever the program adds (a file of its own,
// single assignments, e.g. `gqalut vp --config FILE --set vp.accel.clock_mhz=800`). A file
// holds one assignment per line; '#' starts a comment; GQALUT_SET holds assignments separated
// by spaces, commas or semicolons.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace gqalut::vp {

class Config {
public:
    // The process's settings; the first call reads GQALUT_CONFIG and GQALUT_SET. Bad settings
    // there throw BadInput (model/errors.hpp) naming the variable.
    static Config& global();

    // "INSTANCE.PARAMETER=VALUE"; BadInput when it is not of that form. `origin` names where it
    // came from in messages (a file and line, an option).
    void set(const std::string& assignment, const std::string& origin = "");
    // One assignment per line; BadInput naming the file and line of a bad one.
    void load_file(const std::string& path);
    // Reads GQALUT_CONFIG and GQALUT_SET (again).
    void load_environment();
    void clear();

    // The settings of the module named `instance` (its full SystemC name), in order, as
    // (parameter, value, origin); they count as taken.
    struct Setting {
        std::string parameter, value, origin;
    };
    std::vector<Setting> take(const std::string& instance);
    // Settings no module took (a misspelt instance): their text, with their origin.
    std::vector<std::string> not_taken() const;

private:
    struct Entry {
        std::string instance, parameter, value, origin;
        bool taken = false;
    };
    std::vector<Entry> entries_;
};

}  // namespace gqalut::vp
