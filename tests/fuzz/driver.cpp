// The project's own fuzz driver: runs a fuzz target (LLVMFuzzerTestOneInput) over a seed corpus
// and over deterministic random mutations of it, without libFuzzer, so that g++ builds and CTest
// run every target (tests/fuzz/README.md). No coverage feedback: it finds what random edits of
// real bodies find; a clang build with -fsanitize=fuzzer explores further.
//
//   fuzz_decode [--runs=N] [--seed=S] [--only=I [--save=FILE]] [--write-seeds=DIR] CORPUS...
//
// CORPUS: a directory laid out like fixtures/ (each file becomes a seed through fuzz_seed()) or a
// file, taken as one raw input (a crash file of libFuzzer, or one saved with --save). Input I of
// a run depends only on S, I and the seeds, so a failure is reproduced with --only=I.
#include "fuzz_target.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

// What is running, for the crash message (written from a signal handler: preformatted).
char current_input[256] = "a seed";

void report_current()
{
    const char head[] = "\nfuzz driver: the failing input is ";
    (void)!write(2, head, sizeof head - 1);
    (void)!write(2, current_input, std::strlen(current_input));
    (void)!write(2, "\n", 1);
}

extern "C" void on_fatal_signal(int signal_number)
{
    report_current();
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

struct random_source {
    std::uint64_t state;
    std::uint64_t next()
    {
        // splitmix64
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

// Pieces of JSON (and of what servers send instead) that random bytes rarely produce.
constexpr std::array<std::string_view, 44> dictionary{
    "null", "true", "false", "0", "-1", "1.0", "-0", "0.5", "1e400", "-1e-400", "1E+2",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\uD83D\\uDE00\"", "\"\\\\\\\"\"", "\"\\n\\t\"",
    "[]", "{}", "[[[[[[[[[[[[", "]]]]", "{\"a\":", "\"data\":", "\"attributes\":", "\"type\":",
    "\"errors\":[{\"errorCode\":\"err.func.wired.overloaded\",\"errorMessage\":\"x\"}]",
    "\"errorCode\":403042,", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "<html><body>502 Bad Gateway</body></html>", "\xEF\xBB\xBF", "\xC3\xA9", "\xFF", ",", ":", " ",
    "\"version\": 1", "\"models\":{\"XYZ1VE\":{", "\"endpoints\":{\"battery-status\":", "\"specifications\":"};

constexpr std::string_view structural = "{}[]\":,\\0123456789-+.eEtrufalsn \t\n";

void mutate_once(std::string& s, const std::vector<std::string>& seeds, random_source& r)
{
    switch (r.below(10)) {
    case 0: // flip a bit
        if (!s.empty())
            s[r.below(s.size())] ^= static_cast<char>(1u << r.below(8));
        break;
    case 1: // any byte
        if (!s.empty())
            s[r.below(s.size())] = static_cast<char>(r.below(256));
        break;
    case 2: // a structural character
        if (!s.empty())
            s[r.below(s.size())] = structural[r.below(structural.size())];
        break;
    case 3: // insert a dictionary piece
        s.insert(r.below(s.size() + 1), dictionary[r.below(dictionary.size())]);
        break;
    case 4: { // delete a range
        if (s.empty())
            break;
        const std::size_t at = r.below(s.size());
        s.erase(at, 1 + r.below(std::min<std::size_t>(32, s.size() - at)));
        break;
    }
    case 5: { // copy a range elsewhere
        if (s.empty())
            break;
        const std::size_t at = r.below(s.size());
        const std::string piece = s.substr(at, 1 + r.below(std::min<std::size_t>(256, s.size() - at)));
        s.insert(r.below(s.size() + 1), piece);
        break;
    }
    case 6: // truncate
        s.resize(r.below(s.size() + 1));
        break;
    case 7: { // splice: the tail of another seed
        const std::string& other = seeds[r.below(seeds.size())];
        s.resize(r.below(s.size() + 1));
        s.append(other, r.below(other.size() + 1));
        break;
    }
    case 8: // the control bytes in front (key, status, server)
        if (!s.empty())
            s[r.below(std::min<std::size_t>(2, s.size()))] = static_cast<char>(r.below(256));
        break;
    default: // a quoted string value replaced by a long one (allocations, escapes, UTF-8)
        if (const std::size_t q = s.find('"', r.below(s.size() + 1)); q != std::string::npos) {
            std::string long_text = "\"";
            const std::size_t n = 16 + r.below(300);
            for (std::size_t i = 0; i < n; ++i)
                long_text += "ab\\u00e9\xC3\xA9 7"[r.below(11)];
            s.insert(q, long_text + "\",");
        }
        break;
    }
}

std::string mutated_input(const std::vector<std::string>& seeds, std::uint64_t seed, std::uint64_t index)
{
    random_source r{seed * 0x100000001B3ull + index};
    std::string s = seeds[r.below(seeds.size())];
    const std::size_t edits = 1 + r.below(4);
    for (std::size_t i = 0; i < edits; ++i)
        mutate_once(s, seeds, r);
    if (s.size() > (1u << 20))
        s.resize(1u << 20);
    return s;
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(const std::string& input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

int usage(const char* self, const std::string& problem)
{
    std::cerr << self << ": " << problem << "\n"
              << "usage: " << self
              << " [--runs=N] [--seed=S] [--only=I [--save=FILE]] [--write-seeds=DIR] CORPUS...\n";
    return 2;
}

bool number_option(std::string_view arg, std::string_view name, std::uint64_t& value)
{
    if (arg.substr(0, name.size()) != name)
        return false;
    value = std::stoull(std::string(arg.substr(name.size())));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t runs = 10000;
    std::uint64_t seed = 1;
    std::uint64_t only = 0;
    bool only_set = false;
    std::string save;
    std::string write_seeds;
    std::vector<fs::path> corpus;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (number_option(arg, "--runs=", runs) || number_option(arg, "--seed=", seed))
                continue;
            if (number_option(arg, "--only=", only)) {
                only_set = true;
                continue;
            }
            if (arg.substr(0, 7) == "--save=")
                save = arg.substr(7);
            else if (arg.substr(0, 14) == "--write-seeds=")
                write_seeds = arg.substr(14);
            else if (arg.substr(0, 2) == "--")
                return usage(argv[0], "unknown option " + std::string(arg));
            else
                corpus.emplace_back(arg);
        }
    } catch (const std::exception&) {
        return usage(argv[0], "a numeric option needs a number");
    }
    if (corpus.empty())
        return usage(argv[0], "no corpus given");

    std::vector<std::string> seeds;
    std::vector<std::string> seed_names;
    for (const auto& entry : corpus) {
        if (fs::is_regular_file(entry)) {
            seeds.push_back(read_file(entry));
            seed_names.push_back(entry.filename().string());
            continue;
        }
        if (!fs::is_directory(entry))
            return usage(argv[0], "no such file or directory: " + entry.string());
        std::vector<fs::path> files;
        for (const auto& f : fs::recursive_directory_iterator(entry))
            if (f.is_regular_file())
                files.push_back(f.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            const std::string relative = f.lexically_relative(entry).generic_string();
            if (auto input = renault::fuzz::fuzz_seed(relative, read_file(f))) {
                seeds.push_back(std::move(*input));
                std::string name = relative;
                std::replace(name.begin(), name.end(), '/', '_');
                seed_names.push_back(name);
            }
        }
    }
    if (seeds.empty())
        return usage(argv[0], "the corpus holds no seed for this target");

    if (!write_seeds.empty()) {
        fs::create_directories(write_seeds);
        for (std::size_t i = 0; i < seeds.size(); ++i)
            std::ofstream(fs::path(write_seeds) / seed_names[i], std::ios::binary) << seeds[i];
        std::cout << "wrote " << seeds.size() << " seeds to " << write_seeds << "\n";
        return 0;
    }

    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(report_current);
    std::signal(SIGABRT, on_fatal_signal);
    std::signal(SIGSEGV, on_fatal_signal);
    std::signal(SIGFPE, on_fatal_signal);

    if (only_set) {
        const std::string input = mutated_input(seeds, seed, only);
        if (!save.empty()) {
            std::ofstream(save, std::ios::binary) << input;
            std::cout << "wrote input " << only << " (" << input.size() << " bytes) to " << save << "\n";
        }
        std::snprintf(current_input, sizeof current_input, "--seed=%llu --only=%llu",
                      static_cast<unsigned long long>(seed), static_cast<unsigned long long>(only));
        run(input);
        return 0;
    }

    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        std::snprintf(current_input, sizeof current_input, "the seed %s", seed_names[i].c_str());
        run(seeds[i]);
    }
    std::uint64_t bytes = 0;
    for (std::uint64_t i = 0; i < runs; ++i) {
        const std::string input = mutated_input(seeds, seed, i);
        bytes += input.size();
        std::snprintf(current_input, sizeof current_input,
                      "--seed=%llu --only=%llu (add --save=FILE to keep it; same corpus arguments)",
                      static_cast<unsigned long long>(seed), static_cast<unsigned long long>(i));
        run(input);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cout << argv[0] << ": " << seeds.size() << " seeds and " << runs << " mutated inputs (" << bytes
              << " bytes, seed " << seed << ") in " << took.count() << " s: every property held\n";
    return 0;
}
