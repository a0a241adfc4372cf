// Error types shared by the library and the CLI.
// BadInput maps to exit status 2 (bad usage or bad input); its message is one line.
#pragma once
#include <stdexcept>
#include <string>

namespace gqalut {

class BadInput : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Shortest text that reads back as the same double ("2", "-3.015625", "1e-05").
std::string show_number(double v);

}  // namespace gqalut
