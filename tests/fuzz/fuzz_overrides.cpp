// Fuzz target: reading endpoint override files (include/renault/endpoint_overrides.hpp), the one
// JSON the library reads from a user's file rather than from a server.
//
// Input: the file's content. Properties, beyond "no crash, no sanitizer report, no exception":
// - a refused file leaves a message ("<JSON path>: <reason>" or "not JSON: …");
// - an accepted file's to_json() is accepted again, and to_json() of that is the same text;
// - the accepted file and its to_json() resolve every key of every model the same way.
#include "fuzz_target.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/generated/endpoints.hpp>
#include <renault/generated/vehicles.hpp>

namespace {

bool same_resolution(const renault::endpoint_resolution& a, const renault::endpoint_resolution& b)
{
    if (a.lookup != b.lookup || (a.definition == nullptr) != (b.definition == nullptr))
        return false;
    if (!a.definition)
        return true;
    return a.definition->key == b.definition->key && a.definition->path == b.definition->path &&
           a.definition->adapter == b.definition->adapter && a.definition->mode == b.definition->mode;
}

} // namespace

namespace renault::fuzz {

std::optional<std::string> fuzz_seed(std::string_view relative_path, std::string_view content)
{
    // Override files are not among the fixtures; their seeds are the files of tests/overrides and
    // whatever JSON the fixtures hold (objects of every shape).
    if (relative_path.size() < 5 || relative_path.substr(relative_path.size() - 5) != ".json")
        return std::nullopt;
    return std::string(content);
}

} // namespace renault::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using renault::fuzz::check;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    boost::system::error_code ec;
    std::string message;
    const auto overrides = renault::endpoint_overrides::parse(text, ec, message);
    if (ec) {
        check(!message.empty(), "a refused override file says why");
        return 0;
    }
    const std::string first = overrides.to_json();
    const auto again = renault::endpoint_overrides::parse(first, ec, message);
    check(!ec, "to_json() of an accepted file is accepted", message + "\n  " + first);
    const std::string second = again.to_json();
    check(second == first, "to_json() is a fixpoint", first + "\n  " + second);

    std::vector<std::string_view> subjects;
    for (const auto& row : renault::vehicle_models)
        subjects.push_back(row.code);
    subjects.push_back("XYZ1VE"); // a model only an override file can know
    subjects.push_back("GDC");    // a gateway
    const auto flags = renault::detail::override_specification_names();
    for (const auto subject : subjects) {
        const std::string where(subject);
        check(overrides.label(subject) == again.label(subject), "a file and its to_json() give the same labels", where);
        for (const auto& def : renault::endpoints::definitions)
            check(same_resolution(overrides.resolve(subject, def.key), again.resolve(subject, def.key)),
                  "a file and its to_json() resolve alike", where + " " + std::string(def.key));
        for (const auto flag : flags) {
            bool a = false;
            bool b = false;
            check(overrides.has_specification(subject, flag, a) == again.has_specification(subject, flag, b) && a == b,
                  "a file and its to_json() set the same specifications", where + " " + std::string(flag));
        }
    }
    return 0;
}
