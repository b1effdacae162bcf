// golden_runner: runs one golden test through apexrun and checks the
// expectations written as comments in the test file.
//
//   golden_runner <apexrun> <file.apex>                 run mode
//   golden_runner --parse-error <apexrun> <file>        parse-error mode
//
// Run mode executes `<apexrun> run --debug-only --no-hints <file>` (the
// hints are the command line's, not Apex's), with `--project <folder>` when
// the test's folder is an SFDX project (has sfdx-project.json: its objects
// and classes are then the org's), and checks:
//   // expect: <text>                the k-th such line is the k-th stdout line
//                                    (stdout has exactly that many lines)
//   // expect runtime error: <T: m>  exit 1, first stderr line "Error: <T: m>"
//   // expect compile error line N[: <message>]
//                                    exit 2, stdout empty, stderr line 1
//                                    "Error: Line: N, Column: <number>" and
//                                    line 2 "Error: <message>" if one is given
// Without an error expectation the exit code must be 0. A file without any
// expectation fails.
//
// Parse-error mode executes `<apexrun> parse <file>`. The file's first line
// must be `// expect parse error line N`; the exit code must be non-zero and
// stdout or stderr must contain `<file>:N:`.
//
// Either mode fails on a crash, on a 60 s timeout, or when a sanitizer report
// shows up on stderr. Exit status: 0 pass, 1 fail, 2 usage error.
//
// Standalone on purpose: it does not link apexrun_core, so a broken core
// cannot break the tool that reports on it.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kTimeoutSeconds = 60;
constexpr std::size_t kMaxOutputBytes = 16 * 1024 * 1024;
constexpr std::size_t kMaxStderrLinesShown = 40;
constexpr std::size_t kMaxDiffLinesShown = 100;

// ---------------------------------------------------------------------------
// Running a process

struct ProcessResult {
    std::string out;
    std::string err;
    bool exited = false;     // exited normally; exit_code is valid
    int exit_code = -1;
    int term_signal = 0;     // killed by this signal (when !exited)
    bool timed_out = false;
    bool output_too_large = false;
};

// Child side of the fork: wire up the pipes and exec. Never returns.
[[noreturn]] void exec_child(const std::vector<char*>& argv, int out_fd, int err_fd) {
    setpgid(0, 0);  // own process group, so a timeout can kill its children too
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execvp(argv[0], argv.data());
    const char* msg = strerror(errno);
    const char prefix[] = "golden_runner: cannot execute ";
    (void)!write(STDERR_FILENO, prefix, sizeof prefix - 1);
    (void)!write(STDERR_FILENO, argv[0], strlen(argv[0]));
    (void)!write(STDERR_FILENO, ": ", 2);
    (void)!write(STDERR_FILENO, msg, strlen(msg));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(127);
}

// Reads the child's stdout and stderr until both close or the deadline passes.
void collect_output(int out_fd, int err_fd, ProcessResult& result) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::seconds(kTimeoutSeconds);
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    char buffer[65536];

    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            break;
        }
        int ready = poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                continue;
            }
            sinks[i]->append(buffer, static_cast<std::size_t>(n));
            if (sinks[i]->size() > kMaxOutputBytes) result.output_too_large = true;
        }
        if (result.output_too_large) break;
    }
    for (auto& p : fds)
        if (p.fd >= 0) close(p.fd);
}

ProcessResult run_process(const std::vector<std::string>& args) {
    ProcessResult result;
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.err = std::string("golden_runner: pipe failed: ") + strerror(errno) + "\n";
        return result;
    }
    pid_t pid = fork();
    if (pid < 0) {
        result.err = std::string("golden_runner: fork failed: ") + strerror(errno) + "\n";
        return result;
    }
    if (pid == 0) exec_child(argv, out_pipe[1], err_pipe[1]);

    close(out_pipe[1]);
    close(err_pipe[1]);
    collect_output(out_pipe[0], err_pipe[0], result);
    if (result.timed_out || result.output_too_large) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
        result.exited = true;
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.term_signal = WTERMSIG(status);
    }
    return result;
}

// ---------------------------------------------------------------------------
// Text helpers

// Splits output into lines. A trailing newline does not start another line;
// a final line without a newline still counts.
std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::optional<std::vector<std::string>> read_file_lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t";
    auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

// Parses a whole (trimmed) non-negative decimal number.
std::optional<int> parse_number(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string first_line(const std::string& text, std::size_t index) {
    auto lines = split_lines(text);
    return index < lines.size() ? lines[index] : std::string();
}

std::string shell_quote_for_display(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args) {
        if (!out.empty()) out += ' ';
        bool plain = !a.empty() && a.find_first_of(" \t'\"\\$`*?") == std::string::npos;
        out += plain ? a : "'" + a + "'";
    }
    return out;
}

// Returns the first stderr line that looks like a sanitizer report.
std::optional<std::string> find_sanitizer_report(const std::string& err) {
    static const char* markers[] = {
        "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "SUMMARY: AddressSanitizer",
        "SUMMARY: UndefinedBehaviorSanitizer", ": runtime error: ",
    };
    for (const auto& line : split_lines(err))
        for (const char* m : markers)
            if (line.find(m) != std::string::npos) return line;
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Expectations in a run test

struct Expectations {
    std::vector<std::string> stdout_lines;
    std::optional<std::string> runtime_error;          // "Type: message"
    std::optional<int> compile_error_line;
    std::optional<std::string> compile_error_message;  // optional
    std::vector<std::string> problems;                 // malformed directives

    bool empty() const {
        return stdout_lines.empty() && !runtime_error && !compile_error_line && problems.empty();
    }
    int expected_exit_code() const { return compile_error_line ? 2 : runtime_error ? 1 : 0; }
};

constexpr std::string_view kMarker = "// expect";

// Parses the directive that follows "// expect" on source line `lineno`.
void parse_directive(std::string_view rest, int lineno, Expectations& ex) {
    auto problem = [&](const std::string& what) {
        ex.problems.push_back("line " + std::to_string(lineno) + ": " + what);
    };
    constexpr std::string_view runtime = " runtime error:";
    constexpr std::string_view compile = " compile error line ";

    if (rest.starts_with(':')) {
        rest.remove_prefix(1);
        if (rest.starts_with(' ')) rest.remove_prefix(1);
        ex.stdout_lines.emplace_back(rest);
    } else if (rest.starts_with(runtime)) {
        auto message = trim(rest.substr(runtime.size()));
        if (message.empty()) return problem("`// expect runtime error:` needs `<Type: message>`");
        if (ex.runtime_error) return problem("more than one `// expect runtime error:`");
        ex.runtime_error = std::string(message);
    } else if (rest.starts_with(compile)) {
        rest.remove_prefix(compile.size());
        auto colon = rest.find(':');
        auto line = parse_number(trim(rest.substr(0, colon)));
        if (!line) return problem("`// expect compile error line N` needs a line number");
        if (ex.compile_error_line) return problem("more than one `// expect compile error`");
        ex.compile_error_line = line;
        if (colon != std::string_view::npos) {
            auto message = trim(rest.substr(colon + 1));
            if (message.empty()) return problem("empty message after `// expect compile error line N:`");
            ex.compile_error_message = std::string(message);
        }
    } else if (rest.starts_with(" parse error line")) {
        problem("`// expect parse error` belongs in tests/corpus/invalid/, not in a run test");
    } else {
        problem("unrecognised expectation `" + std::string(kMarker) + std::string(rest) + "`");
    }
}

Expectations parse_expectations(const std::vector<std::string>& source) {
    Expectations ex;
    for (std::size_t i = 0; i < source.size(); ++i) {
        std::string_view line = source[i];
        auto pos = line.find(kMarker);
        if (pos == std::string_view::npos) continue;
        auto rest = line.substr(pos + kMarker.size());
        // "// expected ..." and the like are ordinary comments.
        if (!rest.empty() && rest[0] != ':' && rest[0] != ' ') continue;
        parse_directive(rest, static_cast<int>(i + 1), ex);
    }
    if (ex.compile_error_line && ex.runtime_error)
        ex.problems.push_back("both a compile error and a runtime error are expected");
    if (ex.compile_error_line && !ex.stdout_lines.empty())
        ex.problems.push_back("`// expect:` lines together with a compile error (stdout must be empty)");
    return ex;
}

// ---------------------------------------------------------------------------
// Reporting

struct Report {
    std::vector<std::string> failures;
    void fail(std::string what) { failures.push_back(std::move(what)); }
    bool ok() const { return failures.empty(); }
};

std::string describe_exit(const ProcessResult& r) {
    if (r.timed_out) return "killed after the " + std::to_string(kTimeoutSeconds) + " s timeout";
    if (r.output_too_large) return "killed: output exceeded " + std::to_string(kMaxOutputBytes) + " bytes";
    if (r.exited) return "exit code " + std::to_string(r.exit_code);
    if (r.term_signal)
        return "killed by signal " + std::to_string(r.term_signal) + " (" + strsignal(r.term_signal) + ")";
    return "did not run";
}

void print_stdout_diff(const std::vector<std::string>& expected, const std::vector<std::string>& got) {
    std::cout << "  stdout (expected " << expected.size() << " line(s), got " << got.size() << "):\n";
    std::size_t n = std::max(expected.size(), got.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (i == kMaxDiffLinesShown) {
            std::cout << "    ... " << n - i << " more line(s) not shown\n";
            break;
        }
        std::string num = "    line " + std::to_string(i + 1);
        num.resize(std::max<std::size_t>(num.size(), 14), ' ');
        std::string pad(num.size(), ' ');
        bool have_e = i < expected.size(), have_g = i < got.size();
        if (have_e && have_g && expected[i] == got[i]) {
            std::cout << num << "  ok        |" << got[i] << "|\n";
            continue;
        }
        std::cout << num << "  expected  " << (have_e ? "|" + expected[i] + "|" : "(no line)") << "\n";
        std::cout << pad << "  got       " << (have_g ? "|" + got[i] + "|" : "(missing)") << "\n";
    }
}

void print_stream(const char* name, const std::string& text) {
    auto lines = split_lines(text);
    if (lines.empty()) {
        std::cout << "  " << name << ": (empty)\n";
        return;
    }
    std::cout << "  " << name << " (" << lines.size() << " line(s)):\n";
    for (std::size_t i = 0; i < lines.size() && i < kMaxStderrLinesShown; ++i)
        std::cout << "    |" << lines[i] << "|\n";
    if (lines.size() > kMaxStderrLinesShown)
        std::cout << "    ... " << lines.size() - kMaxStderrLinesShown << " more line(s)\n";
}

// Checks that apply to every mode: the process ran to completion, cleanly.
void check_process(const ProcessResult& r, Report& report) {
    if (!r.exited) report.fail("apexrun " + describe_exit(r));
    if (r.exited && r.exit_code == 127 && r.err.starts_with("golden_runner: cannot execute"))
        report.fail("apexrun could not be started");
    if (auto line = find_sanitizer_report(r.err)) report.fail("sanitizer report on stderr: " + *line);
}

// ---------------------------------------------------------------------------
// Run mode

int run_mode(const std::string& apexrun, const std::string& file) {
    auto source = read_file_lines(file);
    if (!source) {
        std::cout << "FAIL: " << file << "\n  cannot read the test file\n";
        return 1;
    }
    Expectations ex = parse_expectations(*source);
    if (ex.empty()) {
        std::cout << "FAIL: " << file << "\n  no expectations (add `// expect: ...` lines)\n";
        return 1;
    }
    if (!ex.problems.empty()) {
        std::cout << "FAIL: " << file << "\n  malformed expectations:\n";
        for (const auto& p : ex.problems) std::cout << "    " << p << "\n";
        return 1;
    }

    std::vector<std::string> command = {apexrun, "run", "--debug-only", "--no-hints"};
    std::string folder = file.find('/') == std::string::npos ? "." : file.substr(0, file.rfind('/'));
    if (std::ifstream(folder + "/sfdx-project.json").good()) {
        command.push_back("--project");
        command.push_back(folder);
    }
    command.push_back(file);
    ProcessResult r = run_process(command);
    Report report;
    check_process(r, report);

    int want_exit = ex.expected_exit_code();
    if (r.exited && r.exit_code != want_exit)
        report.fail("exit code: expected " + std::to_string(want_exit) + ", got " + std::to_string(r.exit_code));

    auto out_lines = split_lines(r.out);
    bool stdout_ok = out_lines == ex.stdout_lines;
    if (!stdout_ok) report.fail("stdout does not match the `// expect:` lines");

    if (ex.runtime_error) {
        std::string want = "Error: " + *ex.runtime_error;
        std::string got = first_line(r.err, 0);
        if (got != want) report.fail("stderr line 1: expected |" + want + "|, got |" + got + "|");
    }
    if (ex.compile_error_line) {
        std::regex want_re("Error: Line: " + std::to_string(*ex.compile_error_line) + ", Column: [0-9]+");
        std::string got = first_line(r.err, 0);
        if (!std::regex_match(got, want_re))
            report.fail("stderr line 1: expected |Error: Line: " + std::to_string(*ex.compile_error_line) +
                        ", Column: <n>|, got |" + got + "|");
        if (ex.compile_error_message) {
            std::string want = "Error: " + *ex.compile_error_message;
            std::string got2 = first_line(r.err, 1);
            if (got2 != want) report.fail("stderr line 2: expected |" + want + "|, got |" + got2 + "|");
        }
    }

    if (report.ok()) {
        std::cout << "PASS: " << file << "\n";
        return 0;
    }
    std::cout << "FAIL: " << file << "\n";
    std::cout << "  command: " << shell_quote_for_display(command) << "\n";
    for (const auto& f : report.failures) std::cout << "  - " << f << "\n";
    std::cout << "  result: " << describe_exit(r) << " (expected exit code " << want_exit << ")\n";
    if (stdout_ok)
        std::cout << "  stdout: matches (" << out_lines.size() << " line(s))\n";
    else
        print_stdout_diff(ex.stdout_lines, out_lines);
    print_stream("stderr", r.err);
    return 1;
}

// ---------------------------------------------------------------------------
// Parse-error mode

std::optional<int> parse_error_line(const std::vector<std::string>& source) {
    constexpr std::string_view prefix = "// expect parse error line ";
    if (source.empty()) return std::nullopt;
    std::string_view first = trim(source[0]);
    if (!first.starts_with(prefix)) return std::nullopt;
    return parse_number(trim(first.substr(prefix.size())));
}

std::string basename_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// True if `text` holds "<file>:N:" for the path as given, or for its base
// name printed as the last component of some other spelling of the path.
bool mentions_location(const std::string& text, const std::string& file, int line) {
    std::string suffix = ":" + std::to_string(line) + ":";
    if (text.find(file + suffix) != std::string::npos) return true;
    std::string needle = basename_of(file) + suffix;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
        char before = pos == 0 ? '\n' : text[pos - 1];
        if (before == '/' || before == '\n' || before == ' ' || before == '\t') return true;
    }
    return false;
}

int parse_error_mode(const std::string& apexrun, const std::string& file) {
    auto source = read_file_lines(file);
    if (!source) {
        std::cout << "FAIL: " << file << "\n  cannot read the test file\n";
        return 1;
    }
    auto line = parse_error_line(*source);
    if (!line) {
        std::cout << "FAIL: " << file << "\n  the first line must be `// expect parse error line N`\n";
        return 1;
    }

    std::vector<std::string> command = {apexrun, "parse", file};
    ProcessResult r = run_process(command);
    Report report;
    check_process(r, report);
    if (r.exited && r.exit_code == 0) report.fail("exit code: expected non-zero, got 0");
    if (!mentions_location(r.out + "\n" + r.err, file, *line))
        report.fail("no `" + file + ":" + std::to_string(*line) + ":` in stdout or stderr");

    if (report.ok()) {
        std::cout << "PASS: " << file << "\n";
        return 0;
    }
    std::cout << "FAIL: " << file << "\n";
    std::cout << "  command: " << shell_quote_for_display(command) << "\n";
    for (const auto& f : report.failures) std::cout << "  - " << f << "\n";
    std::cout << "  result: " << describe_exit(r) << " (expected a non-zero exit code)\n";
    print_stream("stdout", r.out);
    print_stream("stderr", r.err);
    return 1;
}

// ---------------------------------------------------------------------------

void print_usage(std::ostream& os) {
    os << "usage: golden_runner [--parse-error] <apexrun> <file>\n"
          "  run mode:          <apexrun> run --debug-only --no-hints <file>, checked against the\n"
          "                     `// expect: ...`, `// expect runtime error: ...` and\n"
          "                     `// expect compile error line N[: ...]` comments\n"
          "  --parse-error:     <apexrun> parse <file>; first line of <file> must be\n"
          "                     `// expect parse error line N`\n"
          "exit status: 0 pass, 1 fail, 2 usage error\n";
}

}  // namespace

int main(int argc, char** argv) {
    bool parse_error = false;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--parse-error") {
            parse_error = true;
        } else if (arg == "-h" || arg == "--help") {
            print_usage(std::cout);
            return 0;
        } else if (arg.starts_with("--")) {
            std::cerr << "golden_runner: unknown option " << arg << "\n";
            print_usage(std::cerr);
            return 2;
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.size() != 2) {
        print_usage(std::cerr);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    return parse_error ? parse_error_mode(positional[0], positional[1])
                       : run_mode(positional[0], positional[1]);
}
