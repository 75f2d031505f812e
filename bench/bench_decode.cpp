// Typed decoding against Boost.JSON's DOM parser, over the same documents in the same run.
//
//   bench_decode [benchmark flags]
//
// Corpus: fixtures/ by default, or the directory named by RENAULT_BENCH_CORPUS, laid out as
// fixtures/ is (fixtures/README.md): each file's model follows from its folder and the endpoint
// its name starts with. Files that cannot be placed, or that do not decode, are skipped and counted.
// Target (issue #2): BM_decode_typed ≤ 0.6 × BM_parse_dom per document.
#include <renault/endpoints.hpp>
#include <renault/model.hpp>
#include <renault/model/corpus.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

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
        for (const auto& doc : c.documents) {
            boost::system::error_code ec;
            auto value = boost::json::parse(doc.body, ec);
            benchmark::DoNotOptimize(value);
        }
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

} // namespace

int main(int argc, char** argv)
{
    // Defaults for a fair comparison on a noisy machine: both benchmarks interleaved at random,
    // 10 repetitions each, medians and minimums reported. Flags given on the command line win.
    std::vector<char*> args{argv[0]};
    std::string repetitions = "--benchmark_repetitions=10";
    std::string interleave = "--benchmark_enable_random_interleaving=true";
    std::string min_time = "--benchmark_min_time=0.2";
    std::string aggregates = "--benchmark_report_aggregates_only=true";
    for (auto* flag : {&repetitions, &interleave, &min_time, &aggregates})
        args.push_back(flag->data());
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i]);
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
    return 0;
}
