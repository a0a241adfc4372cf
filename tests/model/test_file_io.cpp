// Reading and writing files: the input cap, JSON nesting, outputs that are replaced atomically
// and only when regular, file sets that are never mixed or half-written.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "model/errors.hpp"
#include "model/file_io.hpp"
#include "model/json_text.hpp"

using namespace gqalut;
namespace fs = std::filesystem;

namespace {

// A fresh folder for one test case, removed at the end.
struct Scratch {
    fs::path dir;
    Scratch() {
        char templ[] = "/tmp/gqalut-test-file-io-XXXXXX";
        dir = mkdtemp(templ);
    }
    ~Scratch() { fs::remove_all(dir); }
    std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const BadInput& e) {
        return e.what();
    }
    return "";
}

size_t entries(const fs::path& dir) { return static_cast<size_t>(std::distance(fs::directory_iterator(dir), {})); }

}  // namespace

TEST_CASE("an input file larger than the cap is refused", "[file_io]") {
    CHECK(error_of([] { read_text_file("/dev/zero"); }) == "/dev/zero: larger than 16 MiB, the most an input file may hold");
    CHECK(error_of([] { read_text_file("/nonexistent/x.json"); }).rfind("/nonexistent/x.json: cannot open: ", 0) == 0);
    CHECK(error_of([] { read_text_file("/tmp"); }) == "/tmp: is a directory, expected a file");
}

TEST_CASE("JSON nests at most kMaxJsonDepth levels", "[file_io]") {
    const auto nested = [](int d) { return std::string(static_cast<size_t>(d), '[') + std::string(static_cast<size_t>(d), ']'); };
    CHECK_NOTHROW(parse_json_text(nested(kMaxJsonDepth), "t.json"));
    CHECK(error_of([&] { parse_json_text(nested(kMaxJsonDepth + 1), "t.json"); }) ==
          "t.json: invalid JSON: nested deeper than 32 levels");
    CHECK(error_of([&] { parse_json_text(nested(100000), "t.json"); }) == "t.json: invalid JSON: nested deeper than 32 levels");
    CHECK(error_of([&] { parse_json_text("[1,", "t.json"); }).rfind("t.json: invalid JSON: ", 0) == 0);
}

TEST_CASE("a write replaces a regular file atomically and keeps its permissions", "[file_io]") {
    Scratch s;
    const std::string longest = s / (std::string(250, 'n') + ".json");   // a 255-byte name
    write_file_atomic(longest, "one");
    write_file_atomic(longest, "two");
    CHECK(slurp(longest) == "two");
    CHECK(entries(s.dir) == 1);   // no temporary left
    chmod(longest.c_str(), 0600);
    write_file_atomic(longest, "three");
    struct stat st{};
    REQUIRE(stat(longest.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("a write through a symbolic link replaces the file it names", "[file_io]") {
    Scratch s;
    write_file_atomic(s / "target", "old");
    fs::create_symlink("target", s / "link");
    write_file_atomic(s / "link", "new");
    CHECK(fs::is_symlink(s / "link"));
    CHECK(slurp(s / "target") == "new");
    fs::create_symlink("missing", s / "dangling");
    CHECK(error_of([&] { write_file_atomic(s / "dangling", "x"); }).find("symbolic link to nothing") != std::string::npos);
    CHECK(fs::is_symlink(s / "dangling"));
}

TEST_CASE("a FIFO, a device or a folder at an output path is never replaced", "[file_io]") {
    Scratch s;
    REQUIRE(mkfifo((s / "fifo").c_str(), 0644) == 0);
    fs::create_symlink("/dev/null", s / "null");
    fs::create_directory(s / "dir");
    for (const std::string& p : {s / "fifo", s / "null", s / "dir"}) {
        CHECK_FALSE(unwritable_reason(p).empty());
        CHECK(error_of([&] { write_file_atomic(p, "x"); }).find(": cannot write: it is") != std::string::npos);
    }
    CHECK(fs::is_fifo(s / "fifo"));
    CHECK(fs::is_symlink(s / "null"));
    CHECK(fs::is_directory(s / "dir"));
    CHECK(error_of([] { check_writable(""); }) == ": cannot write: an empty path names no file");
}

TEST_CASE("same_file sees through hard links and folders", "[file_io]") {
    Scratch s;
    write_file_atomic(s / "a", "x");
    REQUIRE(link((s / "a").c_str(), (s / "b").c_str()) == 0);
    CHECK(same_file(s / "a", s / "b"));
    CHECK(same_file(s / "a", (s.dir / "." / "a").string()));
    CHECK_FALSE(same_file(s / "a", s / "missing"));
}

TEST_CASE("a file set replaces the old set, or leaves it when a member cannot be replaced", "[file_io]") {
    Scratch s;
    const std::string dir = s / "new/deeper";
    write_file_set(dir, {{"a", "1"}, {"b", "2"}});
    CHECK(slurp(dir + "/a") == "1");
    write_file_set(dir, {{"a", "3"}, {"b", "4"}, {"c", "5"}});
    CHECK(slurp(dir + "/a") == "3");
    CHECK(slurp(dir + "/c") == "5");
    CHECK(entries(dir) == 3);   // no temporary folder left

    fs::create_directory(dir + "/b2");
    CHECK(error_of([&] { write_file_set(dir, {{"a", "6"}, {"b2", "7"}}); }) ==
          dir + "/b2: exists and is not a regular file; not replaced");
    CHECK(slurp(dir + "/a") == "3");
    CHECK(entries(dir) == 4);

    // A set that fails to write removes the folders it created ("a/b" cannot be created).
    CHECK_FALSE(error_of([&] { write_file_set(s / "created/x", {{"a/b", "1"}}); }).empty());
    CHECK_FALSE(fs::exists(s / "created"));
}

TEST_CASE("concurrent writers of a file set never leave a mixed set", "[file_io]") {
    Scratch s;
    const std::string dir = s / "set";
    const std::string big(1 << 20, 'x');
    auto writer = [&](char tag) {
        write_file_set(dir, {{"a", std::string(1, tag) + big}, {"b", std::string(1, tag) + big}, {"c", std::string(1, tag)}});
    };
    for (int round = 0; round < 10; ++round) {
        std::thread t1(writer, '1'), t2(writer, '2');
        t1.join();
        t2.join();
        const char tag = slurp(dir + "/c").at(0);
        CHECK(slurp(dir + "/a").at(0) == tag);
        CHECK(slurp(dir + "/b").at(0) == tag);
        CHECK(entries(dir) == 3);
    }
}
