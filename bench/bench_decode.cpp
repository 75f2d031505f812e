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
BENCHMARK(BM_decode_typed);

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
BENCHMARK(BM_parse_dom);

/// Prints the console report, then the typed/DOM ratio of the two benchmarks.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs)
            if (run.run_type == Run::RT_Iteration && run.iterations > 0)
                seconds_per_iteration_[run.benchmark_name()] = run.GetAdjustedCPUTime();
        ConsoleReporter::ReportRuns(runs);
    }
    void Finalize() override
    {
        ConsoleReporter::Finalize();
        auto typed = seconds_per_iteration_.find("BM_decode_typed");
        auto dom = seconds_per_iteration_.find("BM_parse_dom");
        if (typed != seconds_per_iteration_.end() && dom != seconds_per_iteration_.end() && dom->second > 0)
            std::printf("ratio BM_decode_typed / BM_parse_dom (CPU time per document) = %.3f (target <= 0.6)\n", typed->second / dom->second);
    }

private:
    std::map<std::string, double> seconds_per_iteration_;
};

} // namespace

int main(int argc, char** argv)
{
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
