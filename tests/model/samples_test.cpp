// Every sample payload the schema names (on an endpoint or a model) decodes with zero diagnostics
// in strict mode. The list comes from the generated tables, so a new sample is tested as soon as
// it is added to the schema.
#include <renault/endpoints.hpp>
#include <renault/model.hpp>

#include "support/fixtures.hpp"
#include "support/strict_decode.hpp"

#include <catch2/catch.hpp>


namespace {

template <class M, renault::body_shape S>
void check_sample(std::string_view sample)
{
    renault::test::decode_fixture_strictly<M, S>(sample);
}

} // namespace

TEST_CASE("every endpoint sample decodes strictly", "[samples]")
{
    std::size_t checked = 0;
    for (const auto& definition : renault::endpoints::definitions) {
        if (definition.sample.empty())
            continue;
        // The decode key of a definition decodes its response model in its response shape.
        bool found = false;
        boost::mp11::mp_for_each<renault::endpoints::all>([&](auto trait) {
            using T = decltype(trait);
            if (&T::info != &definition)
                return;
            found = true;
            switch (definition.response_shape) {
            case renault::body_shape::data:
                check_sample<typename T::response_model, renault::body_shape::data>(definition.sample);
                break;
            case renault::body_shape::array:
                check_sample<typename T::response_model, renault::body_shape::array>(definition.sample);
                break;
            default:
                check_sample<typename T::response_model, renault::body_shape::flat>(definition.sample);
            }
        });
        CHECK(found);
        ++checked;
    }
    CHECK(checked >= 30);
}

TEST_CASE("every model sample decodes strictly", "[samples]")
{
    // Models whose sample is a top-level array (person notifications, alerts, contracts).
    std::size_t checked = 0;
    auto check_model = [&]<class M>() {
        constexpr std::string_view sample = renault::model_traits<M>::sample;
        if constexpr (!sample.empty()) {
            std::string body = renault::test::read_fixture(sample);
            if (!body.empty() && body.front() == '[')
                check_sample<M, renault::body_shape::array>(sample);
            else if (body.find("\"data\"") != std::string::npos && body.find("\"attributes\"") != std::string::npos)
                check_sample<M, renault::body_shape::data>(sample);
            else
                check_sample<M, renault::body_shape::flat>(sample);
            ++checked;
        }
    };
    for (auto key : renault::decode_keys)
        renault::visit_decode_key(key, [&]<class M, renault::body_shape S>() { check_model.template operator()<M>(); });
    CHECK(checked >= 2);
}
