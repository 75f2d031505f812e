// Typed decoding against Boost.JSON's DOM parser, over the same documents in the same run.
//
//   bench_decode [benchmark flags] [--alternated_passes=N]
//
// Runs BM_decode_typed and BM_parse_dom (Google Benchmark, repetitions interleaved at random), then
// N typed and N DOM corpus passes alternated one by one (default 1000; 0: none). Both print the
// typed/DOM ratios of the medians and of the minimums.
//
// Corpus: fixtures/ by default, or the directory named by RENAULT_BENCH_CORPUS, laid out as
// fixtures/ is (fixtures/README.md): each file's model follows from its folder and the endpoint
// its name starts with. Files that cannot be placed, or that do not decode, are skipped and counted.
// Target (issue #2): BM_decode_typed ≤ 0.6 × BM_parse_dom per document.
//
//   bench_decode --passes=typed:N | --passes=dom:N | --passes=parse:N
//
// Decodes the corpus N times (or DOM-parses it, or only parses it with a handler that stores
// nothing) and exits, without Google Benchmark: the driver for instruction counts under valgrind
// (bench/decode_instructions.sh runs it with N and 0 and subtracts, so loading does not count).
#include <renault/endpoints.hpp>
#include <renault/model.hpp>
#include <renault/model/corpus.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

namespace {

using decode_fn = bool (*)(std::string_view);

template <class Body>
bool decode_one(std::string_view text)
{
    boost::system::error_code ec;
    auto result = renault::decode<Body>(text, ec);
    benchmark::DoNotOptimize(result);
    return !ec;
}

/// One DOM parse: the baseline.
bool parse_dom_one(std::string_view text)
{
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    benchmark::DoNotOptimize(value);
    return !ec;
}

/// A basic_parser handler that stores nothing: what parsing alone costs (the floor of any
/// decoder built on basic_parser).
struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using error_code = boost::system::error_code;
    using string_view = boost::json::string_view;
    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return true; }
    bool on_object_end(std::size_t, error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_array_end(std::size_t, error_code&) { return true; }
    bool on_key_part(string_view, std::size_t, error_code&) { return true; }
    bool on_key(string_view, std::size_t, error_code&) { return true; }
    bool on_string_part(string_view, std::size_t, error_code&) { return true; }
    bool on_string(string_view, std::size_t, error_code&) { return true; }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t, string_view, error_code&) { return true; }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
    bool on_double(double, string_view, error_code&) { return true; }
    bool on_bool(bool, error_code&) { return true; }
    bool on_null(error_code&) { return true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

/// Parsing alone, nothing stored (the same parser options as decode()).
bool parse_only_one(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = renault::decode_options{}.max_depth + 1;
    boost::json::basic_parser<null_handler> parser(options);
    boost::system::error_code ec;
    parser.write_some(false, text.data(), text.size(), ec);
    return !ec;
}

struct document {
    std::string path;
    std::string body;
    decode_fn decode;
};

struct corpus {
    std::filesystem::path root;
    std::vector<document> documents;
    std::size_t bytes = 0;
    std::vector<std::string> unplaced;
    std::vector<std::string> undecodable;
};

corpus load_corpus()
{
    corpus c;
    const char* env = std::getenv("RENAULT_BENCH_CORPUS");
    c.root = env && *env ? std::filesystem::path(env) : std::filesystem::path(RENAULT_FIXTURES_DIR);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(c.root))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::string rel = file.lexically_relative(c.root).generic_string();
        auto key = renault::decode_key_for_path(rel);
        if (!key) {
            c.unplaced.push_back(rel);
            continue;
        }
        std::ifstream in(file, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        document doc{rel, content.str(), nullptr};
        renault::visit_decode_key(*key, [&]<class M, renault::body_shape S>() {
            doc.decode = &decode_one<renault::body_t<M, S>>;
        });
        if (!doc.decode(doc.body)) {
            c.undecodable.push_back(rel);
            continue;
        }
        c.bytes += doc.body.size();
        c.documents.push_back(std::move(doc));
    }
    return c;
}

const corpus& the_corpus()
{
    static const corpus c = load_corpus();
    return c;
}

void set_counters(benchmark::State& state)
{
    const auto& c = the_corpus();
    auto docs = static_cast<double>(c.documents.size());
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.documents.size()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    // seconds per document (printed with an SI prefix: 2.1u = 2.1 µs)
    state.counters["per_doc"] = benchmark::Counter(docs, benchmark::Counter::kIsIterationInvariantRate |
                                                             benchmark::Counter::kInvert);
}

void BM_decode_typed(benchmark::State& state)
{
    const auto& c = the_corpus();
    for (auto _ : state)
        for (const auto& doc : c.documents)
            doc.decode(doc.body);
    set_counters(state);
}
double minimum(const std::vector<double>& v)
{
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
}

BENCHMARK(BM_decode_typed)->ComputeStatistics("min", minimum);

void BM_parse_dom(benchmark::State& state)
{
    const auto& c = the_corpus();
    for (auto _ : state) {
        for (const auto& doc : c.documents)
            parse_dom_one(doc.body);
    }
    set_counters(state);
}
BENCHMARK(BM_parse_dom)->ComputeStatistics("min", minimum);

/// Prints the console report, then the typed/DOM ratios of the two benchmarks: of the medians and
/// of the minimums over the repetitions (CPU time per iteration, i.e. per corpus pass).
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs) {
            std::string stat = run.run_type == Run::RT_Aggregate ? run.aggregate_name : "single";
            cpu_[run.run_name.function_name][stat] = run.GetAdjustedCPUTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }
    void Finalize() override
    {
        ConsoleReporter::Finalize();
        for (const char* stat : {"median", "min", "single"}) {
            auto typed = cpu_["BM_decode_typed"].find(stat);
            auto dom = cpu_["BM_parse_dom"].find(stat);
            if (typed != cpu_["BM_decode_typed"].end() && dom != cpu_["BM_parse_dom"].end() && dom->second > 0)
                std::printf("ratio BM_decode_typed / BM_parse_dom (%s CPU time) = %.3f (target <= 0.6)\n", stat,
                            typed->second / dom->second);
        }
    }

private:
    std::map<std::string, std::map<std::string, double>> cpu_;
};

/// CPU time of this thread, in seconds.
double thread_cpu_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median_of(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Typed and DOM corpus passes alternated one by one, each timed on the thread's CPU clock, so that
/// both see the same machine load (the benchmarks above alternate only every repetition): prints
/// the medians and minimums of the pass times and their typed/DOM ratios.
void report_alternated(const corpus& c, int pairs)
{
    auto typed_pass = [&] {
        for (const auto& doc : c.documents)
            doc.decode(doc.body);
    };
    auto dom_pass = [&] {
        for (const auto& doc : c.documents)
            parse_dom_one(doc.body);
    };
    auto parse_pass = [&] {
        for (const auto& doc : c.documents)
            parse_only_one(doc.body);
    };
    auto timed = [](auto pass) {
        const double start = thread_cpu_seconds();
        pass();
        return thread_cpu_seconds() - start;
    };
    for (int i = 0; i < 5; ++i) { // warm-up
        typed_pass();
        dom_pass();
    }
    std::vector<double> typed;
    std::vector<double> dom;
    std::vector<double> parse;
    for (int i = 0; i < pairs; ++i) {
        // Each goes first every other time: neither always runs after the other.
        if (i % 2 == 0) {
            typed.push_back(timed(typed_pass));
            dom.push_back(timed(dom_pass));
        } else {
            dom.push_back(timed(dom_pass));
            typed.push_back(timed(typed_pass));
        }
        if (i % 4 == 0) // the floor, now and then
            parse.push_back(timed(parse_pass));
    }
    const double us_per_doc = 1e6 / static_cast<double>(c.documents.size());
    const double typed_median = median_of(typed);
    const double dom_median = median_of(dom);
    const double typed_min = *std::min_element(typed.begin(), typed.end());
    const double dom_min = *std::min_element(dom.begin(), dom.end());
    std::printf("alternated passes (%d of each, one by one): typed median %.3f us/doc, min %.3f us/doc; "
                "DOM median %.3f us/doc, min %.3f us/doc\n",
                pairs, typed_median * us_per_doc, typed_min * us_per_doc, dom_median * us_per_doc,
                dom_min * us_per_doc);
    std::printf("ratio typed / DOM, alternated passes (median CPU time) = %.3f (target <= 0.6)\n",
                typed_median / dom_median);
    std::printf("ratio typed / DOM, alternated passes (min CPU time) = %.3f (target <= 0.6)\n", typed_min / dom_min);
    std::printf("(parse only, a handler that stores nothing: median %.3f us/doc, %.3f of the DOM's)\n",
                median_of(parse) * us_per_doc, median_of(parse) / dom_median);
}

/// --passes=typed:N, dom:N or parse:N (basic_parser with a handler that stores nothing): N corpus
/// passes, nothing else.
int run_passes(std::string_view spec)
{
    const auto colon = spec.find(':');
    const std::string_view which = spec.substr(0, colon);
    const int passes = colon == std::string_view::npos ? -1 : std::atoi(std::string(spec.substr(colon + 1)).c_str());
    if ((which != "typed" && which != "dom" && which != "parse") || passes < 0) {
        std::fprintf(stderr, "usage: bench_decode --passes=typed:N|dom:N|parse:N\n");
        return 2;
    }
    const auto& c = the_corpus();
    std::size_t failures = 0;
    for (int i = 0; i < passes; ++i)
        for (const auto& doc : c.documents)
            failures += which == "typed"  ? !doc.decode(doc.body)
                        : which == "dom" ? !parse_dom_one(doc.body)
                                         : !parse_only_one(doc.body);
    std::printf("%s: %d passes over %zu documents (%zu bytes), %zu failures\n", std::string(which).c_str(), passes,
                c.documents.size(), c.bytes, failures);
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 2 && std::string_view(argv[1]).starts_with("--passes="))
        return run_passes(std::string_view(argv[1]).substr(9));
    int alternated_pairs = 1000; // --alternated_passes=N (0: none)
    // Defaults for a fair comparison on a noisy machine: both benchmarks interleaved at random,
    // 20 short repetitions each (more samples for the minimum and the median than 10 long ones, in
    // the same time), medians and minimums reported. Flags given on the command line win.
    std::vector<char*> args{argv[0]};
    std::string repetitions = "--benchmark_repetitions=20";
    std::string interleave = "--benchmark_enable_random_interleaving=true";
    std::string min_time = "--benchmark_min_time=0.1";
    std::string aggregates = "--benchmark_report_aggregates_only=true";
    for (auto* flag : {&repetitions, &interleave, &min_time, &aggregates})
        args.push_back(flag->data());
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]).starts_with("--alternated_passes="))
            alternated_pairs = std::atoi(argv[i] + 20);
        else
            args.push_back(argv[i]);
    }
    int count = static_cast<int>(args.size());
    argv = args.data();
    argc = count;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    const auto& c = the_corpus();
    std::printf("corpus %s: %zu documents, %zu bytes; %zu files not placed, %zu not decodable\n", c.root.c_str(),
                c.documents.size(), c.bytes, c.unplaced.size(), c.undecodable.size());
    for (const auto& rel : c.unplaced)
        std::printf("  not placed: %s\n", rel.c_str());
    for (const auto& rel : c.undecodable)
        std::printf("  not decodable: %s\n", rel.c_str());
    if (c.documents.empty()) {
        std::fprintf(stderr, "no documents to decode in %s\n", c.root.c_str());
        return 1;
    }
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    if (alternated_pairs > 0)
        report_alternated(c, alternated_pairs);
    return 0;
}
