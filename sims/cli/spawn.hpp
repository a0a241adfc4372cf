// Running a helper program (the Python plot and report scripts) with an argument vector: no
// shell ever sees a user's string.
#pragma once
#include <string>
#include <vector>

namespace gqalut::cli {

// Runs argv[0] (a path) with argv, its stdout sent to our stderr (stdout carries results
// only), every signal unblocked in the child. Returns its exit status, or -1 if it could not
// be started or did not exit normally.
int run_program(const std::vector<std::string>& argv);

// What a program run by run_captured printed, and how it ended.
struct ProgramOutput {
    int status = -1;   // exit status; -1 if it could not be started or did not exit normally
    std::string out, err;
};

// Runs argv[0] (a path) with argv and its stdout and stderr captured, the environment ours
// with `env` (NAME=VALUE) replacing same-named variables; every signal unblocked in the child.
ProgramOutput run_captured(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

// /usr/bin/python3 on a script of the source tree's scripts/ with arguments.
int run_script(const std::string& script, const std::vector<std::string>& args);

}  // namespace gqalut::cli
