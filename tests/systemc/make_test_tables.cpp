// Writes uniform test tables for the command-line tests: make_test_tables DIR.
#include <cstdio>
#include <string>

#include "model/table_io.hpp"
#include "search/uniform.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_test_tables DIR\n");
        return 2;
    }
    using namespace gqalut;
    const std::string dir = argv[1];
    save_table(uniform_table("gelu", Precision::int8, 8, -4, 4), dir + "/gelu_int8_8.json");
    save_table(uniform_table("gelu", Precision::int8, 64, -4, 4), dir + "/gelu_int8_64.json");
    save_table(uniform_table("gelu", Precision::int16, 16, -4, 4), dir + "/gelu_int16_16.json");
    save_table(uniform_table("gelu", Precision::int32, 8, -4, 4), dir + "/gelu_int32_8.json");
    save_table(uniform_table("gelu", Precision::fp32, 16, -4, 4), dir + "/gelu_fp32_16.json");
    save_table(uniform_table("div", Precision::int8, 8, 0.5, 4), dir + "/div_int8_8.json");
    save_table(uniform_table("rsqrt", Precision::int8, 8, 0.25, 4), dir + "/rsqrt_int8_8.json");
    return 0;
}
