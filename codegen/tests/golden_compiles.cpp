// Compiles the golden output of the generator and checks that it decodes and encodes.
#include <renault/generated/endpoints.hpp>
#include <renault/generated/errors.hpp>
#include <renault/generated/locales.hpp>
#include <renault/generated/model.hpp>
#include <renault/generated/model/catalogue.hpp> // standalone: not in model.hpp
#include <renault/generated/vehicles.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/encode.hpp>

#include <cstdio>
#include <string_view>

namespace {
int failures = 0;
int passes = 0;
void check(bool ok, const char* what)
{
    if (ok) {
        ++passes;
    } else {
        std::printf("FAILED: %s\n", what);
        ++failures;
    }
}
} // namespace

int main()
{
    using namespace renault;
    auto lamp_body = R"({"errorCode":0,"lightState":-2147483648,"bulbs":[{"colour":"GREEN","watts":40}],"brightness":1})";
    auto r = decode<lamp>(lamp_body, {.strict = true});
    check(r.value.state && *r.value.state == light_state::broken, "int enum at INT32_MIN");
    check(r.value.bulbs && r.value.bulbs->size() == 1 && (*r.value.bulbs)[0].colour == colour::green, "string enum");
    check(r.value.brightness == 1.0, "float accepts an integer");
    check(encode(r.value) == R"({"errorCode":0,"lightState":-2147483648,"bulbs":[{"colour":"GREEN","watts":40}],"brightness":1.0})",
          "encode round trip");
    check(encode(bulb{}, {.request_body = true}) == R"({"colour":null})", "null_when_absent in request bodies");
    check(encode(bulb{}) == "{}", "absent optionals omitted");

    boost::system::error_code ec;
    auto missing = decode<lamp>("{}", ec);
    check(!ec && missing.diagnostics.size() == 1 && missing.diagnostics[0].kind == diagnostic_kind::missing_required,
          "required member reported");

    check(endpoints::lamp_on_kcm::info.mode == endpoint_mode::kcm, "alternative mode");
    check(!endpoints::lamp_on_kcm::info.in_default_table, "alternatives are not in the default table");
    check(endpoints::default_table.size() == 2, "default table");
    check(endpoints::lamp::info.query.size() == 2 && endpoints::lamp::info.query[1].value == "RENAULT", "query");
    check(model_endpoints.size() == 4, "per-model rows: D, x, KC, x (stray), without the dots");
    check(model_endpoints[2].model_code == "BBB1VE" && model_endpoints[2].definition == 2, "KC resolves to the alternative");
    check(locales[0].locale == "es_MX" || locales[0].locale == "fr_FR", "locales");
    bool right_type = false;
    bool visited = visit_decode_key("lamp-list", [&]<class M, body_shape S>() {
        right_type = std::is_same_v<M, lamp> && S == body_shape::array;
    });
    check(visited && right_type && !visit_decode_key("nope", []<class, body_shape>() {}), "visit_decode_key");

    // map<T>, map<map<T>>, json and list<json> members
    auto c = decode<catalogue>(R"({"version":1,"lamps":{"A":{"errorCode":0},"b c":{"errorCode":1,"brightness":0.5}},)"
                               R"("switches":{"S":{"on":true,"off":false}},"notes":[null,"x",{"k":[1]}]})",
                               {.strict = true});
    check(c.value.version.is_int64() && c.value.version.as_int64() == 1, "json member");
    check(c.value.lamps && c.value.lamps->size() == 2 && c.value.lamps->at("b c").brightness == 0.5, "map of models");
    check(c.value.switches && c.value.switches->at("S").at("off") == false, "map of maps");
    check(c.value.notes && c.value.notes->size() == 3 && (*c.value.notes)[2].as_object().contains("k"), "list of json");
    check(encode(c.value) == R"({"version":1,"lamps":{"A":{"errorCode":0},"b c":{"errorCode":1,"brightness":0.5}},)"
                             R"("switches":{"S":{"off":false,"on":true}},"notes":[null,"x",{"k":[1]}]})",
          "encode maps (sorted) and json values");
    std::printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
