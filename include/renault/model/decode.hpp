// Typed, tolerant JSON decoding of described models, straight from parser events.
//
// decode<T>(body) reads a JSON body into a model (or a std::vector of models, or an envelope) without
// building a DOM: boost::json::basic_parser calls a handler that writes each value into its member.
// Renault changes its servers without notice, so decoding is tolerant (docs/adr/0002):
//   - unknown keys are ignored (or reported, with report_unknown_keys);
//   - a missing key or a null leaves std::nullopt;
//   - an integer member accepts 1.0, a float member accepts 1;
//   - an enum value the schema does not list is kept raw, with value `unknown`, and reported;
//   - a value of the wrong JSON type is reported with its path and the member stays empty.
// Only a body that is not JSON, or whose root is not the object/array the type needs, fails.
// Strict mode (our own fixtures) turns any diagnostic into errc::strict_decode_failed.
#pragma once

#include <renault/error.hpp>
#include <renault/model/diagnostic.hpp>
#include <renault/model/traits.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <cstring>
#include <new>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
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

enum class sink_kind { string, integer, number, boolean, enumeration, object, array };

struct decode_state;
struct sink;

struct field_entry {
    std::string_view key;
    const sink* value_sink;
    void* (*prepare)(void* member); ///< makes the member hold a value-initialised T, returns &T
    void (*reset)(void* member);    ///< null / wrong type: back to std::nullopt (or T{})
    /// The member's storage, for the common stores done without any call: an optional scalar.
    enum class slot : std::uint8_t { other, optional_string, optional_int, optional_double, optional_bool };
    slot direct = slot::other;
    bool required;
};

struct sink {
    sink_kind kind;
    std::string_view expected; ///< "a string", "an integer", … for messages
    void (*set_string)(void* target, std::string_view, decode_state&) = nullptr;
    void (*set_int)(void* target, std::int64_t, decode_state&) = nullptr;
    void (*set_double)(void* target, double, decode_state&) = nullptr;
    void (*set_bool)(void* target, bool) = nullptr;
    // objects
    std::span<const field_entry> fields{};
    std::span<const std::uint16_t> key_table{}; ///< hash → member (object_fields::table)
    std::uint16_t* next_guess = nullptr;        ///< object_fields::next_guess
    const std::uint32_t* (*offsets)() = nullptr; ///< object_fields::member_offsets
    bool has_required = false;                  ///< some member is required (tracked while decoding)
    // arrays
    const sink* element = nullptr;
    void* (*append)(void* vector) = nullptr;
    void (*drop_last)(void* vector) = nullptr;
};

template <class T>
struct sink_of; // ::value is a constexpr sink for T

/// One container being filled: a struct (object) or a std::vector (array).
struct frame {
    const sink* s;
    void* target;                       ///< the struct, or the vector
    bool is_object = false;             ///< copies of s->kind and s->has_required, read on every value
    bool track_required = false;
    const field_entry* field = nullptr; ///< object: the member whose value comes next (nullptr: skip it)
    std::size_t prev = 0;               ///< object: the previous member + 1 (0 before the first key)
    const field_entry* expected = nullptr; ///< object: the member the next key probably names
    std::uint16_t* guess = nullptr;     ///< object: s->next_guess
    const std::uint32_t* offsets = nullptr; ///< object: s->offsets()
    std::size_t index = 0;              ///< array: index of the current item
    std::uint64_t seen = 0;             ///< object: required members seen (first 64 members)
};

/// The containers being filled, innermost last. Bodies nest a few levels deep: sixteen frames
/// live inside the handler (small, so a decode starts cheaply), deeper ones on the heap.
class frame_stack {
public:
    frame_stack() noexcept {}
    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    frame& back() noexcept { return at(size_ - 1); }
    const frame& back() const noexcept { return const_cast<frame_stack*>(this)->at(size_ - 1); }
    const frame& operator[](std::size_t i) const noexcept { return const_cast<frame_stack*>(this)->at(i); }
    frame& push(const frame& f)
    {
        if (size_ >= inline_capacity)
            deep_.resize(size_ + 1 - inline_capacity);
        frame& slot = at(size_++);
        slot = f;
        return slot;
    }
    void pop_back() noexcept { --size_; }

private:
    static constexpr std::size_t inline_capacity = 16;
    frame& at(std::size_t i) noexcept { return i < inline_capacity ? near_[i].f : deep_[i - inline_capacity]; }

    union slot {
        slot() noexcept {}
        frame f;
    };
    static_assert(std::is_trivially_copyable_v<frame> && std::is_trivially_destructible_v<frame>);
    slot near_[inline_capacity];
    std::size_t size_ = 0;
    std::vector<frame> deep_;
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
            } else if (f.field) {
                if (!text.empty())
                    text += '.';
                text += f.field->key;
            }
        }
        if (!last_key.empty()) {
            if (!text.empty())
                text += '.';
            text += last_key;
        }
        return text;
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

inline std::string number_text(double d)
{
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
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
            s.set_string = [](void* t, std::string_view raw, decode_state& state) {
                auto& target = *static_cast<open_enum<E>*>(t);
                target = open_enum<E>::from_raw(std::string(raw));
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
        .expected = "an array",
        .element = &sink_of<T>::value,
        .append = [](void* v) -> void* {
            auto& items = *static_cast<std::vector<T>*>(v);
            if (items.capacity() == 0)
                items.reserve(4); // lists in bodies are short; skip the 1 → 2 → 4 moves
            return &items.emplace_back();
        },
        .drop_last = [](void* v) { static_cast<std::vector<T>*>(v)->pop_back(); },
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

template <class S, class D>
constexpr field_entry make_field_entry(std::size_t index)
{
    using member_type = std::remove_cvref_t<decltype(std::declval<S&>().*D::pointer)>;
    field_entry entry{};
    entry.key = model_traits<S>::fields[index].key;
    entry.required = model_traits<S>::fields[index].required;
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
    } else {
        entry.value_sink = &sink_of<member_type>::value;
        entry.prepare = &prepare_plain<member_type>;
        entry.reset = &reset_plain<member_type>;
    }
    return entry;
}

/// Key equality without a call to memcmp or a byte loop, for the short keys JSON bodies use:
/// 8-byte words, the last one overlapping.
inline bool key_equal(std::string_view a, std::string_view b) noexcept
{
    const std::size_t n = a.size();
    if (n != b.size())
        return false;
    const char* p = a.data();
    const char* q = b.data();
    auto word8 = [](const char* at) {
        std::uint64_t w;
        std::memcpy(&w, at, 8);
        return w;
    };
    auto word4 = [](const char* at) {
        std::uint32_t w;
        std::memcpy(&w, at, 4);
        return w;
    };
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 < n; i += 8)
            if (word8(p + i) != word8(q + i))
                return false;
        return word8(p + n - 8) == word8(q + n - 8);
    }
    if (n >= 4)
        return word4(p) == word4(q) && word4(p + n - 4) == word4(q + n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i])
            return false;
    return true;
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

    // Which member followed member i - 1 last time (entry 0: the first member), learnt while
    // decoding: bodies of one endpoint list their keys in one order, so after the first body the
    // guess is nearly always right and a key costs one comparison. Shared by all threads through
    // relaxed atomic accesses: a stale guess only costs a hash lookup.
    static constexpr std::array<std::uint16_t, count + 1> initial_guess()
    {
        std::array<std::uint16_t, count + 1> guess{};
        for (std::size_t i = 0; i <= count; ++i)
            guess[i] = static_cast<std::uint16_t>(i < count ? i : 0);
        return guess;
    }
    alignas(std::atomic_ref<std::uint16_t>::required_alignment) static inline std::array<std::uint16_t, count + 1>
        next_guess = initial_guess();

    // Byte offset of each member, for stores without a call. Computed once from a real object.
    static std::array<std::uint32_t, count> compute_offsets()
    {
        std::array<std::uint32_t, count> offsets{};
        S probe{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<members>([&](auto d) {
            offsets[i++] = static_cast<std::uint32_t>(reinterpret_cast<const char*>(&(probe.*d.pointer)) -
                                                      reinterpret_cast<const char*>(&probe));
        });
        return offsets;
    }
    // A function-local static rather than a static member: safe to use during the static
    // initialisation of other translation units.
    static const std::uint32_t* member_offsets()
    {
        static const std::array<std::uint32_t, count> offsets = compute_offsets();
        return offsets.data();
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
        .expected = "an object",
        .fields = object_fields<S>::entries,
        .key_table = object_fields<S>::table,
        .next_guess = object_fields<S>::next_guess.data(),
        .offsets = &object_fields<S>::member_offsets,
        .has_required = object_fields<S>::has_required,
    };
};

// ---------------------------------------------------------------------------------------------
// The parser handler

class decode_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    decode_handler(const sink* root_sink, void* root, const decode_options& options,
                   std::vector<diagnostic>& diagnostics)
        : root_sink_(root_sink), root_(root)
    {
        state_.options = &options;
        state_.diagnostics = &diagnostics;
        state_.frames = &frames_;
    }

    using error_code = boost::system::error_code;
    using json_string = boost::json::string_view;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec)
    {
        if (frames_.empty()) // the root
            return open_root(sink_kind::object, "an object", ec);
        if (skipping())
            return enter_skip();
        const sink* s = nullptr;
        void* target = value_target(s, "an object");
        if (!target)
            return enter_skip();
        if (s->kind != sink_kind::object) {
            wrong_type("an object");
            return enter_skip();
        }
        return push(s, prepare(target), ec);
    }

    bool on_object_end(std::size_t, error_code&)
    {
        if (skip_depth_ > 0) {
            if (--skip_depth_ == 0)
                after_value();
            return true;
        }
        check_required();
        pop();
        return true;
    }

    bool on_array_begin(error_code& ec)
    {
        if (frames_.empty())
            return open_root(sink_kind::array, "an array", ec);
        if (skipping())
            return enter_skip();
        const sink* s = nullptr;
        void* target = value_target(s, "an array");
        if (!target)
            return enter_skip();
        if (s->kind != sink_kind::array) {
            wrong_type("an array");
            return enter_skip();
        }
        return push(s, prepare(target), ec);
    }

    bool on_array_end(std::size_t, error_code&)
    {
        if (skip_depth_ > 0) {
            if (--skip_depth_ == 0)
                after_value();
            return true;
        }
        pop();
        return true;
    }

    bool on_key_part(json_string s, std::size_t, error_code&)
    {
        if (skip_depth_ == 0)
            key_buffer_.append(s.data(), s.size());
        return true;
    }

    bool on_key(json_string s, std::size_t, error_code&)
    {
        if (skip_depth_ > 0)
            return true;
        std::string_view key(s.data(), s.size());
        if (!key_buffer_.empty()) {
            key_buffer_.append(key);
            key = key_buffer_;
        }
        select_field(key);
        key_buffer_.clear();
        return true;
    }

    bool on_string_part(json_string s, std::size_t, error_code&)
    {
        if (skip_depth_ == 0)
            string_buffer_.append(s.data(), s.size());
        return true;
    }

    bool on_string(json_string s, std::size_t, error_code& ec)
    {
        if (skip_depth_ > 0)
            return true;
        if (frames_.empty())
            return root_scalar("a string", ec);
        std::string_view text(s.data(), s.size());
        if (!string_buffer_.empty()) {
            string_buffer_.append(text);
            text = string_buffer_;
        }
        frame& f = frames_.back();
        // The common case first: a string member of an object.
        if (f.is_object && f.field && f.field->direct == field_entry::slot::optional_string) {
            auto& member = member_at<std::optional<std::string>>(f);
            if (member)
                member->assign(text.data(), text.size());
            else
                member.emplace(text.data(), text.size());
            committed();
        } else {
            const sink* sk = nullptr;
            if (void* target = value_target(sk, "a string")) {
                if (sk->set_string) {
                    sk->set_string(prepare(target), text, state_);
                    committed();
                } else {
                    wrong_type("a string " + quoted_excerpt(text));
                }
            }
        }
        if (!string_buffer_.empty())
            string_buffer_.clear();
        after_value();
        return true;
    }

    bool on_number_part(json_string, error_code&) { return true; }

    bool on_int64(std::int64_t v, json_string, error_code& ec)
    {
        if (skipping())
            return true;
        if (frames_.empty())
            return root_scalar("a number", ec);
        if (frame& f = frames_.back(); f.is_object && f.field) {
            if (f.field->direct == field_entry::slot::optional_int) {
                member_at<std::optional<std::int64_t>>(f) = v;
                committed();
                return true;
            }
            if (f.field->direct == field_entry::slot::optional_double) {
                member_at<std::optional<double>>(f) = static_cast<double>(v);
                committed();
                return true;
            }
        }
        const sink* sk = nullptr;
        if (void* target = value_target(sk, "a number")) {
            if (sk->set_int) {
                sk->set_int(prepare(target), v, state_);
                committed();
            } else {
                wrong_type("the number " + std::to_string(v));
            }
        }
        after_value();
        return true;
    }

    bool on_uint64(std::uint64_t v, json_string, error_code& ec)
    {
        if (frames_.empty())
            return root_scalar("a number", ec);
        if (skipping())
            return true;
        const sink* sk = nullptr;
        if (void* target = value_target(sk, "a number")) {
            // Only values above INT64_MAX arrive here.
            if (sk->set_double) {
                sk->set_double(prepare(target), static_cast<double>(v), state_);
                committed();
            } else if (sk->set_int) {
                state_.report_here(diagnostic_kind::out_of_range, "the integer " + std::to_string(v) + " is out of range");
                discard();
            } else {
                wrong_type("the number " + std::to_string(v));
            }
        }
        after_value();
        return true;
    }

    bool on_double(double v, json_string, error_code& ec)
    {
        if (skipping())
            return true;
        if (frames_.empty())
            return root_scalar("a number", ec);
        if (frame& f = frames_.back(); f.is_object && f.field && f.field->direct == field_entry::slot::optional_double) {
            member_at<std::optional<double>>(f) = v;
            committed();
            return true;
        }
        const sink* sk = nullptr;
        if (void* target = value_target(sk, "a number")) {
            if (sk->set_double) {
                sk->set_double(prepare(target), v, state_);
                committed();
            } else if (sk->set_int) {
                // An integer member accepts 1.0, not 1.5.
                if (std::trunc(v) == v && v >= -9.2233720368547758e18 && v < 9.2233720368547758e18) {
                    sk->set_int(prepare(target), static_cast<std::int64_t>(v), state_);
                    committed();
                } else if (std::trunc(v) == v) {
                    state_.report_here(diagnostic_kind::out_of_range,
                                       "the number " + number_text(v) + " is out of range for an integer");
                    discard();
                } else {
                    state_.report_here(diagnostic_kind::not_integral, "expected an integer, got " + number_text(v));
                    discard();
                }
            } else {
                wrong_type("the number " + number_text(v));
            }
        }
        after_value();
        return true;
    }

    bool on_bool(bool v, error_code& ec)
    {
        if (skipping())
            return true;
        if (frames_.empty())
            return root_scalar(v ? "true" : "false", ec);
        if (frame& f = frames_.back(); f.is_object && f.field && f.field->direct == field_entry::slot::optional_bool) {
            member_at<std::optional<bool>>(f) = v;
            committed();
            return true;
        }
        const sink* sk = nullptr;
        if (void* target = value_target(sk, v ? "true" : "false")) {
            if (sk->set_bool) {
                sk->set_bool(prepare(target), v);
                committed();
            } else {
                wrong_type(v ? "true" : "false");
            }
        }
        after_value();
        return true;
    }

    bool on_null(error_code& ec)
    {
        if (frames_.empty())
            return root_scalar("null", ec);
        if (skipping())
            return true;
        frame& f = frames_.back();
        if (f.is_object) {
            if (f.field) {
                if (f.field->required)
                    wrong_type("null");
                f.field->reset(member_address(f));
            }
        } else {
            // null inside an array: the item is skipped
            state_.report_here(diagnostic_kind::wrong_type,
                               "expected " + std::string(f.s->element->expected) + ", got null (item skipped)");
        }
        after_value();
        return true;
    }

    bool on_comment_part(json_string, error_code&) { return true; }
    bool on_comment(json_string, error_code&) { return true; }

    /// Set when the root has the wrong kind: what was expected and what came.
    std::string root_problem;

private:
    bool skipping() const { return skip_depth_ > 0; }

    bool enter_skip()
    {
        ++skip_depth_;
        return true;
    }

    bool open_root(sink_kind kind, const char* got, error_code& ec)
    {
        if (root_sink_->kind != kind) {
            root_problem = "expected " + std::string(root_sink_->expected) + " at the root, got " + got;
            ec = make_error_code(errc::unexpected_root);
            return false;
        }
        return push(root_sink_, root_, ec);
    }

    bool root_scalar(const char* got, error_code& ec)
    {
        root_problem = "expected " + std::string(root_sink_->expected) + " at the root, got " + got;
        ec = make_error_code(errc::unexpected_root);
        return false;
    }

    bool push(const sink* s, void* target, error_code& ec)
    {
        if (frames_.size() >= state_.options->max_depth) {
            ec = make_error_code(errc::nesting_too_deep);
            return false;
        }
        frame& f = frames_.push(frame{s, target, s->kind == sink_kind::object, s->has_required});
        if (f.is_object && !s->fields.empty()) {
            f.guess = s->next_guess;
            f.offsets = s->offsets();
            const std::size_t first = std::atomic_ref<std::uint16_t>(f.guess[0]).load(std::memory_order_relaxed);
            f.expected = first < s->fields.size() ? &s->fields[first] : nullptr;
        }
        return true;
    }

    void pop()
    {
        frames_.pop_back();
        if (!frames_.empty()) {
            committed();
            after_value();
        }
    }

    // The sink and storage for the value that starts now; nullptr when it is to be skipped.
    // For an object member the storage is the struct (prepare() reaches the member); for an array
    // item it is the vector.
    BOOST_FORCEINLINE void* value_target(const sink*& s, std::string_view)
    {
        frame& f = frames_.back();
        if (f.is_object) {
            if (!f.field)
                return nullptr; // unknown key
            s = f.field->value_sink;
            return f.target;
        }
        s = f.s->element;
        return f.target;
    }

    BOOST_FORCEINLINE void* prepare(void* target)
    {
        frame& f = frames_.back();
        if (f.is_object)
            return f.field->prepare(member_address(f));
        return f.s->append(target);
    }

    // The value was stored: remember required members.
    /// The address of the selected member of the top object.
    BOOST_FORCEINLINE static void* member_address(const frame& f)
    {
        const std::size_t i = static_cast<std::size_t>(f.field - f.s->fields.data());
        return static_cast<char*>(f.target) + f.offsets[i];
    }

    template <class T>
    static T& member_at(const frame& f)
    {
        return *std::launder(static_cast<T*>(member_address(f)));
    }

    BOOST_FORCEINLINE void committed()
    {
        frame& f = frames_.back();
        if (f.track_required && f.field) {
            auto i = static_cast<std::size_t>(f.field - f.s->fields.data());
            if (i < 64)
                f.seen |= std::uint64_t(1) << i;
        }
    }

    // The value was rejected after prepare(): undo.
    void discard()
    {
        frame& f = frames_.back();
        if (f.is_object)
            f.field->reset(member_address(f));
        else
            f.s->drop_last(f.target);
    }

    // An object's member stays selected until the next key (which always comes before the next
    // value); an array moves to its next item.
    BOOST_FORCEINLINE void after_value()
    {
        frame& f = frames_.back();
        if (!f.is_object)
            ++f.index;
    }

    void wrong_type(const std::string& got)
    {
        frame& f = frames_.back();
        if (f.is_object) {
            state_.report_here(diagnostic_kind::wrong_type,
                               "expected " + std::string(f.field->value_sink->expected) + ", got " + got);
            f.field->reset(member_address(f));
        } else {
            state_.report_here(diagnostic_kind::wrong_type,
                               "expected " + std::string(f.s->element->expected) + ", got " + got + " (item skipped)");
        }
    }

    void select_field(std::string_view key)
    {
        frame& f = frames_.back();
        // First the member that followed the previous one last time (looked up when that one
        // matched, so the load is done by now), then the hash table.
        if (f.expected && key_equal(f.expected->key, key))
            return matched(f, static_cast<std::size_t>(f.expected - f.s->fields.data()));
        const auto& fields = f.s->fields;
        if (!fields.empty()) {
            const auto& table = f.s->key_table;
            const std::size_t mask = table.size() - 1;
            for (std::size_t slot = key_hash(key) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
                const std::size_t i = table[slot] - 1u;
                if (key_equal(fields[i].key, key)) {
                    std::atomic_ref<std::uint16_t>(f.guess[f.prev]).store(static_cast<std::uint16_t>(i),
                                                                         std::memory_order_relaxed);
                    return matched(f, i);
                }
            }
        }
        f.expected = nullptr;
        f.field = nullptr;
        if (state_.options->report_unknown_keys)
            state_.report_key(diagnostic_kind::unknown_key, "key not in the model (ignored)", key);
    }

    BOOST_FORCEINLINE void matched(frame& f, std::size_t i)
    {
        const auto& fields = f.s->fields;
        f.field = &fields[i];
        f.prev = i + 1;
        const std::size_t next = std::atomic_ref<std::uint16_t>(f.guess[i + 1]).load(std::memory_order_relaxed);
        f.expected = next < fields.size() ? &fields[next] : nullptr;
        // The next key is compared with it after the value is parsed: start loading it now.
        if (f.expected)
            __builtin_prefetch(f.expected);
    }

    void check_required()
    {
        const frame& f = frames_.back();
        if (!f.track_required)
            return;
        for (std::size_t i = 0; i < f.s->fields.size() && i < 64; ++i) {
            if (f.s->fields[i].required && !(f.seen & (std::uint64_t(1) << i)))
                state_.report_key(diagnostic_kind::missing_required, "required key is missing", f.s->fields[i].key);
        }
    }

    const sink* root_sink_;
    void* root_;
    decode_state state_;
    frame_stack frames_;
    std::size_t skip_depth_ = 0;
    std::string key_buffer_;
    std::string string_buffer_;
};

inline std::string describe_json_error(const boost::system::error_code& ec, std::size_t offset, std::size_t size)
{
    if (size == 0)
        return "the body is empty";
    if (ec == boost::json::error::incomplete)
        return "the body ends before the JSON does (truncated at byte " + std::to_string(size) + ")";
    return "not JSON: " + ec.message() + " at byte " + std::to_string(offset);
}

} // namespace detail

/// Decodes a JSON body into T (a model, a std::vector of models, or an envelope).
///
/// Never throws for bad input: on failure `ec` is set (errc::invalid_json, errc::unexpected_root,
/// errc::nesting_too_deep, or errc::strict_decode_failed in strict mode) and the result's
/// diagnostics say why; the value holds what was decoded before the failure.
/// Thread-safety: may be called from several threads at once (they share only the learnt key order,
/// through relaxed atomics).
template <class T>
decoded<T> decode(std::string_view body, boost::system::error_code& ec, const decode_options& options = {})
{
    decoded<T> result;
    result.raw = body;
    ec = {};
    detail::decode_handler* handler_ptr = nullptr;
    boost::json::parse_options parse_options;
    parse_options.max_depth = options.max_depth + 1;
    boost::json::basic_parser<detail::decode_handler> parser(parse_options, &detail::sink_of<T>::value,
                                                             &result.value, options, result.diagnostics);
    handler_ptr = &parser.handler();
    boost::system::error_code parse_ec;
    std::size_t used = parser.write_some(false, body.data(), body.size(), parse_ec);
    if (parse_ec) {
        if (parse_ec == errc::unexpected_root) {
            ec = parse_ec;
            result.diagnostics.push_back({diagnostic_kind::invalid_body, "", handler_ptr->root_problem});
        } else if (parse_ec == errc::nesting_too_deep || parse_ec == boost::json::error::too_deep) {
            ec = make_error_code(errc::nesting_too_deep);
            result.diagnostics.push_back({diagnostic_kind::invalid_body, "",
                                          "the body nests deeper than " + std::to_string(options.max_depth) + " levels"});
        } else {
            ec = make_error_code(errc::invalid_json);
            result.diagnostics.push_back(
                {diagnostic_kind::invalid_body, "", detail::describe_json_error(parse_ec, used, body.size())});
        }
        return result;
    }
    // write_some() stops at the end of the document: anything but white space after it is an error.
    for (std::size_t i = used; i < body.size(); ++i) {
        char c = body[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            ec = make_error_code(errc::invalid_json);
            result.diagnostics.push_back(
                {diagnostic_kind::invalid_body, "", "not JSON: extra data after the document at byte " + std::to_string(i)});
            return result;
        }
    }
    if (options.strict && !result.diagnostics.empty())
        ec = make_error_code(errc::strict_decode_failed);
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
