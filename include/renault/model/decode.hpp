// Typed, tolerant JSON decoding of described models, straight from parser events.
//
// decode<T>(body) reads a JSON body into a model (or a std::vector of models, or an envelope): the
// JSON parser's events go to a handler that writes each value into its member (without a DOM in
// the separately compiled mode; see detail::decode_into below for the header-only mode).
// Renault changes its servers without notice, so decoding is tolerant (docs/adr/0002):
//   - unknown keys are ignored (or reported, with report_unknown_keys);
//   - a missing key or a null leaves std::nullopt;
//   - an integer member accepts 1.0, a float member accepts 1;
//   - an enum value the schema does not list is kept raw, with value `unknown`, and reported;
//   - a value of the wrong JSON type is reported with its path and the member stays empty.
// Only a body that is not JSON, or whose root is not the object/array the type needs, fails.
// Strict mode (our own fixtures) turns any diagnostic into errc::strict_decode_failed.
//
// Besides models, std::vector and scalars, two member types serve files people write (the
// endpoint-override file, the mock's scenarios): std::map<std::string, T> for a JSON object used as
// a table (any key, every value a T), and boost::json::value for a member that holds whatever JSON
// the body has there (checked by the caller; include <boost/json/value.hpp> to use it).
#pragma once

#include <renault/error.hpp>
#include <renault/json_text.hpp>
#include <renault/model/diagnostic.hpp>
#include <renault/model/traits.hpp>

#include <boost/describe/members.hpp>
#include <renault/detail/config.hpp>

#include <boost/config.hpp>
#include <boost/json/fwd.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <cstring>
#include <new>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace renault {

struct decode_options {
    /// Any diagnostic fails the decode with errc::strict_decode_failed (the value is still filled).
    bool strict = false;
    /// Keys the model does not hold become diagnostics (unknown_key), e.g. to check schema coverage.
    bool report_unknown_keys = false;
    /// Deepest nesting accepted; deeper bodies fail with errc::nesting_too_deep.
    std::size_t max_depth = 64;
    /// false: a null is reported (wrong_type) wherever the model has no boost::json::value, as
    /// for a required member, instead of meaning "absent" (files people write, where null is
    /// never meant as "absent"). Slower: every key and value takes the general path.
    bool null_is_absent = true;
    /// Accept `//` and `/* */` comments, and a comma after the last item of an object or array
    /// (files people edit, such as the mock's scenarios; never API bodies).
    bool allow_comments = false;
    bool allow_trailing_commas = false;
    /// Messages about a body that is not JSON speak of a file, and say where it goes wrong as
    /// "line L, column C" rather than "byte N" (files people edit).
    bool file_messages = false;
};

/// A decoded body: the typed value, what the decoder noticed, and the body it was read from.
template <class T>
struct decoded {
    T value{};
    std::vector<diagnostic> diagnostics;
    /// The body as given to decode(): a view of the caller's buffer, valid while that buffer lives.
    /// Parse it (boost::json::parse) to reach fields the schema does not hold yet.
    std::string_view raw;
};

namespace detail {

// ---------------------------------------------------------------------------------------------
// Sinks: for each C++ value type, how JSON events are stored into it. One static sink per type;
// the parser handler only follows pointers, so a decode does no type dispatch beyond a switch.

/// `map`: a std::map from JSON keys to values (any key); `raw`: a boost::json::value member.
enum class sink_kind { string, integer, number, boolean, enumeration, object, array, map, raw };

struct decode_state;
struct sink;

/// One member of a model, as the decoder uses it (one cache line).
struct alignas(64) field_entry {
    std::string_view key;
    std::uint64_t key_head; ///< the key's first bytes as key_is() reads them (key_words())
    std::uint64_t key_tail; ///< its last eight bytes, for keys of eight bytes or more
    const sink* value_sink;
    void* (*prepare)(void* member); ///< makes the member hold a value-initialised T, returns &T
    void (*reset)(void* member);    ///< null / wrong type: back to std::nullopt (or T{})
    /// The member's storage, for the common stores done without any call: an optional scalar.
    /// (`unknown` only in frames: the current key is not in the model, its value is skipped.)
    enum class slot : std::uint8_t { other, optional_string, optional_int, optional_double, optional_bool, unknown };
    slot direct = slot::other;
    bool required;
    std::uint16_t index; ///< the member's position in its struct
};

struct sink {
    // What opening a container reads comes first, in one cache line.
    sink_kind kind;
    bool has_required = false; ///< some member is required (tracked while decoding)
    // objects
    const field_entry* fields = nullptr;
    std::size_t field_count = 0;
    const field_entry** next_guess = nullptr;         ///< object_fields::runtime.next_guess
    const std::uint32_t* offsets = nullptr;           ///< object_fields::runtime.offsets, once ready
    const std::atomic<bool>* offsets_ready = nullptr; ///< object_fields::runtime.offsets_ready
    void (*fill_offsets)() = nullptr;                 ///< object_fields::fill_offsets
    const std::uint16_t* key_table = nullptr;         ///< hash → member (object_fields::table)
    std::size_t key_mask = 0;                         ///< its size - 1
    // arrays
    const sink* element = nullptr;
    void* (*append)(void* vector) = nullptr;
    void (*drop_last)(void* vector) = nullptr;
    // scalars
    std::string_view expected; ///< "a string", "an integer", … for messages
    void (*set_string)(void* target, std::string_view, decode_state&) = nullptr;
    void (*set_int)(void* target, std::int64_t, decode_state&) = nullptr;
    void (*set_double)(void* target, double, decode_state&) = nullptr;
    void (*set_bool)(void* target, bool) = nullptr;
    // maps (the value sink is `element`)
    const field_entry* map_entry = nullptr; ///< stands for the entry of the current key, as a member
    /// The entry of `key` (added if absent); `*stored` receives the key as the map holds it.
    void* (*insert)(void* map, std::string_view key, const std::string** stored) = nullptr;
    void (*erase)(void* map, const std::string& key) = nullptr;
    // boost::json::value: a value as the body has it (scalars come through the setters above)
    void (*set_uint)(void* target, std::uint64_t) = nullptr;
    void (*set_null)(void* target) = nullptr;
};

template <class T>
struct sink_of; // ::value is a constexpr sink for T

/// One container being filled: a struct (object), a std::vector (array) or a std::map (map: an
/// object whose current entry is `member`, described by s->map_entry).
struct frame {
    const sink* s;
    char* target;                           ///< the struct, or the vector
    const field_entry* field = nullptr;     ///< object: the member of the last known key (its value comes next)
    char* member = nullptr;                 ///< object: that member's address
    const field_entry* expected = nullptr;  ///< object: the member the next key probably names
    const field_entry* fields = nullptr;    ///< object: s->fields
    const field_entry** guess = nullptr;    ///< object: s->next_guess
    const std::uint32_t* offsets = nullptr; ///< object: member offsets
    std::size_t index = 0;                  ///< array: index of the current item
    std::uint64_t seen = 0;                 ///< object: required members seen (first 64 members)
    const std::string* key = nullptr;       ///< map: the current entry's key, as the map holds it
    field_entry::slot direct = field_entry::slot::other; ///< object: field->direct, or unknown (key not in the model)
    bool is_object = false;                 ///< copies of s->kind (object or map) and s->has_required, read on every value
    bool track_required = false;
};

/// The containers being filled, innermost last, above a placeholder frame that stands for "outside
/// the root" (not an object, tracks nothing), so that closing the root needs no test. Bodies nest a
/// few levels deep: the first frames live inside the handler (a decode starts without allocating),
/// deeper ones move to the heap.
class frame_stack {
public:
    frame_stack() noexcept : base_(near_), top_(near_), end_(near_ + inline_capacity)
    {
        ::new (static_cast<void*>(near_)) frame{nullptr, nullptr};
    }
    frame_stack(const frame_stack&) = delete;
    frame_stack& operator=(const frame_stack&) = delete;

    bool empty() const noexcept { return top_ == base_; }
    std::size_t size() const noexcept { return size_; }
    frame& back() noexcept { return *top_; }
    const frame& back() const noexcept { return *top_; }
    /// The i-th container from the root (0: the root).
    const frame& operator[](std::size_t i) const noexcept { return base_[i + 1]; }
    /// A new top frame, its contents unset.
    frame& push()
    {
        if (top_ + 1 == end_)
            grow();
        ++size_;
        return *++top_;
    }
    void pop_back() noexcept
    {
        --size_;
        --top_;
    }

private:
    static constexpr std::size_t inline_capacity = 24;
    static_assert(std::is_trivially_copyable_v<frame> && std::is_trivially_destructible_v<frame>);

    BOOST_NOINLINE void grow()
    {
        const std::size_t capacity = static_cast<std::size_t>(end_ - base_);
        auto bigger = std::make_unique<frame[]>(capacity * 2);
        std::copy(base_, end_, bigger.get());
        top_ = bigger.get() + (top_ - base_);
        base_ = bigger.get();
        end_ = base_ + capacity * 2;
        deep_ = std::move(bigger);
    }

    frame* base_;
    frame* top_;
    frame* end_;
    std::size_t size_ = 0;
    union {
        frame near_[inline_capacity];
    };
    std::unique_ptr<frame[]> deep_;
};

/// What setters may need besides the value: the options and where to write diagnostics.
/// Paths are built from the frames only when a diagnostic is written.
struct decode_state {
    const decode_options* options = nullptr;
    std::vector<diagnostic>* diagnostics = nullptr;
    const frame_stack* frames = nullptr;

    /// The path of the frames' current steps; the top frame's own step only when `with_top`.
    std::string path_text(bool with_top, std::string_view last_key = {}) const
    {
        std::string text;
        const std::size_t n = frames->size();
        for (std::size_t i = 0; i < n; ++i) {
            if (i + 1 == n && !with_top)
                break;
            const frame& f = (*frames)[i];
            if (!f.is_object) {
                text += '[';
                text += std::to_string(f.index);
                text += ']';
            } else if (f.s->kind == sink_kind::map) {
                if (f.key)
                    append_map_key(text, *f.key);
            } else if (f.field) {
                if (!text.empty())
                    text += '.';
                text += f.field->key;
            }
        }
        if (!last_key.empty())
            append_map_key(text, last_key);
        return text;
    }

    /// A map's key or a key the model does not know: `.key`, or `["key"]` when it has characters other than ASCII letters, digits,
    /// '-' and '_' (`endpoints["actions/charge-start"]`).
    static void append_map_key(std::string& text, std::string_view key)
    {
        const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (!plain) {
            text += '[';
            append_json_string(text, key);
            text += ']';
            return;
        }
        if (!text.empty())
            text += '.';
        text += key;
    }

    /// Reports at the value being stored (the top frame's current member or item).
    void report_here(diagnostic_kind kind, std::string message)
    {
        diagnostics->push_back({kind, path_text(true), std::move(message)});
    }

    /// Reports at a key of the top object.
    void report_key(diagnostic_kind kind, std::string message, std::string_view key)
    {
        diagnostics->push_back({kind, path_text(false, key), std::move(message)});
    }
};

inline std::string quoted_excerpt(std::string_view s)
{
    constexpr std::size_t limit = 40;
    std::string out = "\"";
    out.append(s.substr(0, limit));
    if (s.size() > limit)
        out += "…";
    out += '"';
    return out;
}

// Boost.JSON 1.81 reads a number exactly when it has at most 15 characters and no exponent;
// longer ones and exponents can come out one unit in the last place off. Those are read again
// with std::from_chars, which rounds correctly (so what encode() writes reads back the same).
inline bool needs_exact_reading(std::string_view text) noexcept
{
    if (text.size() > 15)
        return true;
    for (char c : text)
        if ((c | 0x20) == 'e')
            return true;
    return false;
}

BOOST_NOINLINE inline double exact_double(double parsed, std::string_view text) noexcept
{
    double exact = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), exact);
    // Out of range (1e400, 1e-400) or a number that came in parts: Boost's value stands.
    return ec == std::errc{} && end == text.data() + text.size() ? exact : parsed;
}

inline std::string number_text(double d)
{
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
}

// Key comparison. A member's key is stored with its first and last bytes packed into words the
// way they are read from the body, so that comparing a key costs its length and one or two word
// loads and compares, and does not touch the stored key (for keys up to 16 bytes).

inline std::uint64_t load_word8(const char* p) noexcept
{
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

inline std::uint32_t load_word4(const char* p) noexcept
{
    std::uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
}

/// The word of a key of fewer than eight bytes: its first and last four bytes (overlapping) from
/// four bytes on, else its first, middle and last bytes.
BOOST_FORCEINLINE std::uint64_t short_key_word(const char* p, std::size_t n) noexcept
{
    if (n >= 4)
        return load_word4(p) | (std::uint64_t(load_word4(p + n - 4)) << 32);
    if (n == 0)
        return 0;
    return std::uint64_t(static_cast<unsigned char>(p[0])) | (std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8) |
           (std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16);
}

/// What load_word8 / load_word4 give for the bytes at `p`, at compile time.
constexpr std::uint64_t packed_bytes(std::string_view k, std::size_t at, std::size_t count)
{
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t shift = std::endian::native == std::endian::little ? 8 * i : 8 * (count - 1 - i);
        w |= std::uint64_t(static_cast<unsigned char>(k[at + i])) << shift;
    }
    return w;
}

struct key_words_t {
    std::uint64_t head;
    std::uint64_t tail;
};

/// The words key_is() compares a key of length `k.size()` with.
constexpr key_words_t key_words(std::string_view k)
{
    const std::size_t n = k.size();
    if (n >= 8)
        return {packed_bytes(k, 0, 8), packed_bytes(k, n - 8, 8)};
    if (n >= 4)
        return {packed_bytes(k, 0, 4) | (packed_bytes(k, n - 4, 4) << 32), 0};
    if (n == 0)
        return {0, 0};
    return {std::uint64_t(static_cast<unsigned char>(k[0])) | (std::uint64_t(static_cast<unsigned char>(k[n / 2])) << 8) |
                (std::uint64_t(static_cast<unsigned char>(k[n - 1])) << 16),
            0};
}

/// Whether `key` is the member's key.
BOOST_FORCEINLINE bool key_is(const field_entry& e, std::string_view key) noexcept
{
    const std::size_t n = key.size();
    if (n != e.key.size())
        return false;
    const char* p = key.data();
    if (n < 8)
        return short_key_word(p, n) == e.key_head;
    if (load_word8(p) != e.key_head || load_word8(p + n - 8) != e.key_tail)
        return false;
    for (std::size_t i = 8; i + 8 < n; i += 8) // the words between (keys of more than 16 bytes)
        if (load_word8(p + i) != load_word8(e.key.data() + i))
            return false;
    return true;
}

/// Equality of short texts (enum values) without a call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) noexcept
{
    const std::size_t n = a.size();
    if (n != b.size())
        return false;
    if (n < 8)
        return short_key_word(a.data(), n) == short_key_word(b.data(), n);
    for (std::size_t i = 0; i + 8 < n; i += 8)
        if (load_word8(a.data() + i) != load_word8(b.data() + i))
            return false;
    return load_word8(a.data() + n - 8) == load_word8(b.data() + n - 8);
}

// --- scalars

template <>
struct sink_of<std::string> {
    static constexpr sink value{
        .kind = sink_kind::string,
        .expected = "a string",
        .set_string = [](void* t, std::string_view s, decode_state&) { static_cast<std::string*>(t)->assign(s); },
    };
};

template <>
struct sink_of<std::int64_t> {
    static constexpr sink value{
        .kind = sink_kind::integer,
        .expected = "an integer",
        .set_int = [](void* t, std::int64_t v, decode_state&) { *static_cast<std::int64_t*>(t) = v; },
    };
};

template <>
struct sink_of<double> {
    static constexpr sink value{
        .kind = sink_kind::number,
        .expected = "a number",
        .set_int = [](void* t, std::int64_t v, decode_state&) { *static_cast<double*>(t) = static_cast<double>(v); },
        .set_double = [](void* t, double v, decode_state&) { *static_cast<double*>(t) = v; },
    };
};

template <>
struct sink_of<bool> {
    static constexpr sink value{
        .kind = sink_kind::boolean,
        .expected = "true or false",
        .set_bool = [](void* t, bool v) { *static_cast<bool*>(t) = v; },
    };
};

template <class E>
struct sink_of<open_enum<E>> {
    using raw_type = typename enum_traits<E>::raw_type;

    // raw_text() is called only for an unknown value: known values cost no formatting.
    template <class RawText>
    static void check_known(const open_enum<E>& v, decode_state& state, RawText raw_text)
    {
        if (!v.is_known())
            state.report_here(diagnostic_kind::unknown_enum_value,
                              "unknown " + std::string(enum_traits<E>::name) + " value " + raw_text() + " (kept)");
    }

    static constexpr sink make()
    {
        sink s{.kind = sink_kind::enumeration, .expected = ""};
        if constexpr (std::is_same_v<raw_type, std::string>) {
            s.expected = "a string";
            // As from_raw(), without a temporary string: the target is a value-initialised
            // open_enum (unknown, empty raw value).
            s.set_string = [](void* t, std::string_view raw, decode_state& state) {
                auto& target = *static_cast<open_enum<E>*>(t);
                for (const auto& entry : enum_traits<E>::entries) {
                    if (same_text(entry.raw, raw)) {
                        target.value = entry.value;
                        break;
                    }
                }
                target.raw.assign(raw.data(), raw.size());
                check_known(target, state, [&] { return quoted_excerpt(raw); });
            };
        } else if constexpr (std::is_same_v<raw_type, std::int64_t>) {
            s.expected = "an integer";
            s.set_int = [](void* t, std::int64_t raw, decode_state& state) {
                auto& target = *static_cast<open_enum<E>*>(t);
                target = open_enum<E>::from_raw(raw);
                check_known(target, state, [&] { return std::to_string(raw); });
            };
        } else {
            s.expected = "a number";
            s.set_int = [](void* t, std::int64_t raw, decode_state& state) {
                auto& target = *static_cast<open_enum<E>*>(t);
                target = open_enum<E>::from_raw(static_cast<double>(raw));
                check_known(target, state, [&] { return std::to_string(raw); });
            };
            s.set_double = [](void* t, double raw, decode_state& state) {
                auto& target = *static_cast<open_enum<E>*>(t);
                target = open_enum<E>::from_raw(raw);
                check_known(target, state, [&] { return number_text(raw); });
            };
        }
        return s;
    }
    static constexpr sink value = make();
};

// --- containers

template <class T>
struct sink_of<std::vector<T>> {
    static constexpr sink value{
        .kind = sink_kind::array,
        .element = &sink_of<T>::value,
        .append = [](void* v) -> void* {
            auto& items = *static_cast<std::vector<T>*>(v);
            if (items.capacity() == 0)
                items.reserve(4); // lists in bodies are short; skip the 1 → 2 → 4 moves
            return &items.emplace_back();
        },
        .drop_last = [](void* v) { static_cast<std::vector<T>*>(v)->pop_back(); },
        .expected = "an array",
    };
};

// Per member type, not per member: the branch predictor sees few targets.
template <class T>
void* prepare_optional(void* member)
{
    return &static_cast<std::optional<T>*>(member)->emplace();
}
template <class T>
void reset_optional(void* member)
{
    static_cast<std::optional<T>*>(member)->reset();
}
template <class T>
void* prepare_plain(void* member)
{
    *static_cast<T*>(member) = T{};
    return member;
}
template <class T>
void reset_plain(void* member)
{
    *static_cast<T*>(member) = T{};
}

/// A JSON object used as a table: any key, every value a T (a null or wrong value is reported and
/// its entry left out). A repeated key keeps its last value.
template <class T, class C, class A>
struct sink_of<std::map<std::string, T, C, A>> {
    using map_type = std::map<std::string, T, C, A>;
    static constexpr field_entry make_entry()
    {
        field_entry entry{};
        entry.value_sink = &sink_of<T>::value;
        entry.prepare = &prepare_plain<T>;
        entry.reset = &reset_plain<T>;
        entry.required = true; // a null value is reported, as for an array item
        return entry;
    }
    static constexpr field_entry entry = make_entry();
    static constexpr sink value{
        .kind = sink_kind::map,
        .element = &sink_of<T>::value,
        .expected = "an object",
        .map_entry = &entry,
        .insert = [](void* m, std::string_view key, const std::string** stored) -> void* {
            auto it = static_cast<map_type*>(m)->try_emplace(std::string(key)).first;
            *stored = &it->first;
            return &it->second;
        },
        .erase = [](void* m, const std::string& key) {
            auto& map = *static_cast<map_type*>(m);
            map.erase(map.find(key));
        },
    };
};

/// A value kept as the body has it (boost::json::value), for members whose shape the caller checks
/// (e.g. null, a string or an object). A null is kept as a null value.
template <class V>
    requires std::is_same_v<V, boost::json::value>
struct sink_of<V> {
    static constexpr sink value{
        .kind = sink_kind::raw,
        .expected = "a JSON value",
        .set_string = [](void* t, std::string_view s, decode_state&) { static_cast<V*>(t)->emplace_string().assign(s.data(), s.size()); },
        .set_int = [](void* t, std::int64_t v, decode_state&) { *static_cast<V*>(t) = v; },
        .set_double = [](void* t, double v, decode_state&) { *static_cast<V*>(t) = v; },
        .set_bool = [](void* t, bool v) { *static_cast<V*>(t) = v; },
        .set_uint = [](void* t, std::uint64_t v) { *static_cast<V*>(t) = v; },
        .set_null = [](void* t) { *static_cast<V*>(t) = nullptr; },
    };
};

template <class S, class D>
constexpr field_entry make_field_entry(std::size_t index)
{
    using member_type = std::remove_cvref_t<decltype(std::declval<S&>().*D::pointer)>;
    field_entry entry{};
    entry.key = model_traits<S>::fields[index].key;
    entry.key_head = key_words(entry.key).head;
    entry.key_tail = key_words(entry.key).tail;
    entry.required = model_traits<S>::fields[index].required;
    entry.index = static_cast<std::uint16_t>(index);
    if constexpr (is_optional<member_type>::value) {
        using T = typename member_type::value_type;
        entry.value_sink = &sink_of<T>::value;
        entry.prepare = &prepare_optional<T>;
        entry.reset = &reset_optional<T>;
        if constexpr (std::is_same_v<T, std::string>)
            entry.direct = field_entry::slot::optional_string;
        else if constexpr (std::is_same_v<T, std::int64_t>)
            entry.direct = field_entry::slot::optional_int;
        else if constexpr (std::is_same_v<T, double>)
            entry.direct = field_entry::slot::optional_double;
        else if constexpr (std::is_same_v<T, bool>)
            entry.direct = field_entry::slot::optional_bool;
        if (entry.required)
            entry.direct = field_entry::slot::other; // the general path, which reports a null
    } else {
        entry.value_sink = &sink_of<member_type>::value;
        entry.prepare = &prepare_plain<member_type>;
        entry.reset = &reset_plain<member_type>;
    }
    return entry;
}

/// A cheap hash of a JSON key: its length and its first and last eight bytes.
constexpr std::uint64_t key_hash(std::string_view k) noexcept
{
    const std::size_t n = k.size();
    const std::size_t m = n < 8 ? n : 8;
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    if (std::is_constant_evaluated() || m < 8) {
        for (std::size_t i = 0; i < m; ++i) {
            head |= std::uint64_t(static_cast<unsigned char>(k[i])) << (8 * i);
            tail |= std::uint64_t(static_cast<unsigned char>(k[n - m + i])) << (8 * i);
        }
    } else {
        std::memcpy(&head, k.data(), 8);
        std::memcpy(&tail, k.data() + n - 8, 8);
    }
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ULL) ^ ((tail + n) * 0xC2B2AE3D27D4EB4FULL);
    return h ^ (h >> 31);
}


template <class S>
struct object_fields {
    using members = boost::describe::describe_members<S, boost::describe::mod_public | boost::describe::mod_inherited>;
    static constexpr std::size_t count = boost::mp11::mp_size<members>::value;
    static_assert(count == model_traits<S>::fields.size(),
                  "model_traits<S>::fields must list every described member, in order");
    static_assert(count < 0xffff);

    template <std::size_t... I>
    static constexpr std::array<field_entry, count> make(std::index_sequence<I...>)
    {
        return {make_field_entry<S, boost::mp11::mp_at_c<members, I>>(I)...};
    }
    static constexpr std::array<field_entry, count> entries = make(std::make_index_sequence<count>{});

    // Open addressing: slot = index + 1 of the member whose key hashes there, 0 = empty.
    static constexpr std::size_t table_size = std::bit_ceil(count * 2 + 2);
    static constexpr std::array<std::uint16_t, table_size> make_table()
    {
        std::array<std::uint16_t, table_size> table{};
        for (std::size_t i = 0; i < count; ++i) {
            std::size_t slot = key_hash(model_traits<S>::fields[i].key) & (table_size - 1);
            while (table[slot] != 0)
                slot = (slot + 1) & (table_size - 1);
            table[slot] = static_cast<std::uint16_t>(i + 1);
        }
        return table;
    }
    static constexpr std::array<std::uint16_t, table_size> table = make_table();

    // Which member followed member i - 1 last time (entry 0: the first member; nullptr: none),
    // learnt while decoding: bodies of one endpoint list their keys in one order, so after the
    // first body the guess is nearly always right and a key costs one comparison. Shared by all
    // threads through relaxed atomic accesses: a stale guess only costs a hash lookup.
    static constexpr std::array<const field_entry*, count + 1> initial_guess()
    {
        std::array<const field_entry*, count + 1> guess{};
        for (std::size_t i = 0; i < count; ++i)
            guess[i] = &entries[i];
        guess[count] = nullptr;
        return guess;
    }

    // What decoding learns or computes at run time, together (few cache lines per type):
    // the guesses, and the byte offset of each member, for stores without a call.
    struct runtime_data {
        std::atomic<bool> offsets_ready;
        std::array<std::uint32_t, count> offsets;
        alignas(std::atomic_ref<const field_entry*>::required_alignment) std::array<const field_entry*, count + 1> next_guess;
    };
    // Constant-initialised, so usable during the static initialisation of other translation units.
    alignas(64) static inline runtime_data runtime{false, {}, initial_guess()};

    // Computes the offsets from a real object, once (the function-local static makes other threads
    // wait for it), then publishes them.
    static void fill_offsets()
    {
        static const bool filled = [] {
            S probe{};
            std::size_t i = 0;
            boost::mp11::mp_for_each<members>([&](auto d) {
                runtime.offsets[i++] = static_cast<std::uint32_t>(reinterpret_cast<const char*>(&(probe.*d.pointer)) -
                                                                  reinterpret_cast<const char*>(&probe));
            });
            return true;
        }();
        (void)filled;
        runtime.offsets_ready.store(true, std::memory_order_release);
    }

    static constexpr bool has_required = [] {
        for (const auto& f : model_traits<S>::fields)
            if (f.required)
                return true;
        return false;
    }();
};

template <class S>
    requires is_model_v<S>
struct sink_of<S> {
    static constexpr sink value{
        .kind = sink_kind::object,
        .has_required = object_fields<S>::has_required,
        .fields = object_fields<S>::entries.data(),
        .field_count = object_fields<S>::count,
        .next_guess = object_fields<S>::runtime.next_guess.data(),
        .offsets = object_fields<S>::runtime.offsets.data(),
        .offsets_ready = &object_fields<S>::runtime.offsets_ready,
        .fill_offsets = &object_fields<S>::fill_offsets,
        .key_table = object_fields<S>::table.data(),
        .key_mask = object_fields<S>::table_size - 1,
        .expected = "an object",
    };
};

/// What decode<T>() does once its result exists: one copy for all types (less code to keep in the
/// caches when bodies of many types are decoded). Templates only so that a translation unit that
/// decodes nothing does not compile them.
///  - decode_into (model/impl/decode.ipp, the separately compiled mode): Boost.JSON's basic_parser
///    drives the handler, in one pass.
///  - decode_into_checked (model/impl/decode_checked.ipp, the header-only mode): Boost.JSON's
///    compiled parser checks the text, then a small reader replays its events to the handler, so
///    that a user's translation unit does not compile basic_parser. Same results, slower.
template <class = void>
void decode_into(const sink* root_sink, void* root, std::string_view body, boost::system::error_code& ec,
                 const decode_options& options, std::vector<diagnostic>& diagnostics);
template <class = void>
void decode_into_checked(const sink* root_sink, void* root, std::string_view body, boost::system::error_code& ec,
                         const decode_options& options, std::vector<diagnostic>& diagnostics);

#if !RENAULT_HEADER_ONLY
extern template void decode_into<void>(const sink*, void*, std::string_view, boost::system::error_code&,
                                       const decode_options&, std::vector<diagnostic>&);
#endif

} // namespace detail

/// Decodes a JSON body into T (a model, a std::vector of models, or an envelope).
///
/// Never throws for bad input: on failure `ec` is set (errc::invalid_json, errc::unexpected_root,
/// errc::nesting_too_deep, or errc::strict_decode_failed in strict mode) and the result's
/// diagnostics say why; the value holds what was decoded before the failure.
/// Thread-safety: may be called from several threads at once (they share only the learnt key order,
/// through relaxed atomics, and each model's member offsets, computed once).
template <class T>
decoded<T> decode(std::string_view body, boost::system::error_code& ec, const decode_options& options = {})
{
    decoded<T> result;
    result.raw = body;
#if RENAULT_HEADER_ONLY
    detail::decode_into_checked(&detail::sink_of<T>::value, &result.value, body, ec, options, result.diagnostics);
#else
    detail::decode_into(&detail::sink_of<T>::value, &result.value, body, ec, options, result.diagnostics);
#endif
    return result;
}

/// Throwing form of decode(): throws renault::error when the error_code form would set `ec`.
/// The message gives the first diagnostic; the value is lost, so use the error_code form to keep it.
template <class T>
decoded<T> decode(std::string_view body, const decode_options& options = {})
{
    boost::system::error_code ec;
    auto result = decode<T>(body, ec, options);
    if (ec) {
        std::string what = ec.message();
        if (!result.diagnostics.empty())
            what += ": " + to_string(result.diagnostics.front());
        if (result.diagnostics.size() > 1)
            what += " (and " + std::to_string(result.diagnostics.size() - 1) + " more)";
        throw error(ec, what);
    }
    return result;
}

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/model/impl/decode_checked.ipp>
#endif
