// The parser handler behind decode<T>(): it stores JSON events (the events of Boost.JSON's
// basic_parser) into the sinks of model/decode.hpp. Both drivers feed it: model/impl/decode.ipp
// (basic_parser, in the separately compiled mode) and model/impl/decode_checked.ipp (Boost.JSON's
// compiled parser checks the text, then a replay of its events; the header-only mode).
#pragma once

#include <renault/model/decode.hpp>

#include <boost/json/string_view.hpp>
#include <boost/json/value_stack.hpp>

namespace renault::detail {

// ---------------------------------------------------------------------------------------------
// The parser handler. Each event first tries its common case inline (a key that is the learnt
// next one, a scalar for an optional scalar member); everything else goes to out-of-line code.
// While a value is skipped (unknown key, wrong type), the top frame is made to fail those common
// cases (no expected key, no direct slot), so that only the out-of-line code tests for skipping.
// A boost::json::value member is filled the same way: its object or array is skipped, and the
// skipped events are recorded into the value.

class decode_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    decode_handler(const sink* root_sink, void* root, const decode_options& options,
                   std::vector<diagnostic>& diagnostics)
        : root_sink_(root_sink), root_(root), max_depth_(options.max_depth), reports_null_(!options.null_is_absent)
    {
        state_.options = &options;
        state_.diagnostics = &diagnostics;
        state_.frames = &frames_;
    }

    using error_code = boost::system::error_code;
    using json_string = boost::json::string_view;
    using slot = field_entry::slot;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec) { return begin_container(sink_kind::object, "an object", ec); }

    BOOST_FORCEINLINE bool on_object_end(std::size_t n, error_code&)
    {
        if (skip_depth_ > 0)
            return leave_skip(n, sink_kind::object);
        if (frames_.back().track_required)
            check_required();
        pop();
        return true;
    }

    bool on_array_begin(error_code& ec) { return begin_container(sink_kind::array, "an array", ec); }

    BOOST_FORCEINLINE bool on_array_end(std::size_t n, error_code&)
    {
        if (skip_depth_ > 0)
            return leave_skip(n, sink_kind::array);
        pop();
        return true;
    }

    bool on_key_part(json_string s, std::size_t, error_code&)
    {
        if (skip_depth_ == 0) {
            key_buffer_.append(s.data(), s.size());
            frames_.back().expected = nullptr; // on_key: to other_key()
        } else if (recorder_) {
            recorder_->push_chars(s);
        }
        return true;
    }

    // The common case inline: the key is the one that followed the previous key last time.
    BOOST_FORCEINLINE bool on_key(json_string s, std::size_t, error_code&)
    {
        const std::string_view key(s.data(), s.size());
        frame& f = frames_.back();
        if (const field_entry* e = f.expected; e && key_is(*e, key)) [[likely]] {
            matched(f, e);
            return true;
        }
        return other_key(key);
    }

    bool on_string_part(json_string s, std::size_t, error_code&)
    {
        if (skip_depth_ == 0) {
            string_buffer_.append(s.data(), s.size());
            if (frame& f = frames_.back(); f.direct != slot::unknown)
                f.direct = slot::other; // on_string: to string_value()
        } else if (recorder_) {
            recorder_->push_chars(s);
        }
        return true;
    }

    // The common case first: a string for an optional string member of an object.
    BOOST_FORCEINLINE bool on_string(json_string s, std::size_t, error_code& ec)
    {
        if (frame& f = frames_.back(); f.direct == slot::optional_string) [[likely]] {
            auto& member = member_ref<std::optional<std::string>>(f);
            if (member)
                member->assign(s.data(), s.size());
            else
                member.emplace(s.data(), s.size());
            committed(f);
            return true;
        }
        return string_value(std::string_view(s.data(), s.size()), ec);
    }

    bool on_number_part(json_string, error_code&)
    {
        number_in_parts_ = true; // never with one write of the whole body, as decode_into does
        return true;
    }

    BOOST_FORCEINLINE bool on_int64(std::int64_t v, json_string, error_code& ec)
    {
        frame& f = frames_.back();
        if (f.direct == slot::optional_int) {
            member_ref<std::optional<std::int64_t>>(f) = v;
            committed(f);
            return true;
        }
        if (f.direct == slot::optional_double) {
            member_ref<std::optional<double>>(f) = static_cast<double>(v);
            committed(f);
            return true;
        }
        return int_value(v, ec);
    }

    bool on_uint64(std::uint64_t v, json_string, error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_uint64(v);
            return true;
        }
        if (frames_.empty())
            return root_scalar("a number", ec);
        const sink* sk = nullptr;
        if (void* target = value_target(sk)) {
            // Only values above INT64_MAX arrive here.
            if (sk->set_uint) {
                sk->set_uint(prepare(target), v);
                committed(frames_.back());
            } else if (sk->set_double) {
                sk->set_double(prepare(target), static_cast<double>(v), state_);
                committed(frames_.back());
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

    BOOST_FORCEINLINE bool on_double(double v, json_string text, error_code& ec)
    {
        if (needs_exact_reading(std::string_view(text.data(), text.size()))) [[unlikely]] {
            if (!number_in_parts_) // `text` is only the last part otherwise
                v = exact_double(v, std::string_view(text.data(), text.size()));
            number_in_parts_ = false;
        }
        if (frame& f = frames_.back(); f.direct == slot::optional_double && std::isfinite(v)) {
            member_ref<std::optional<double>>(f) = v;
            committed(f);
            return true;
        }
        return double_value(v, ec);
    }

    BOOST_FORCEINLINE bool on_bool(bool v, error_code& ec)
    {
        if (frame& f = frames_.back(); f.direct == slot::optional_bool) {
            member_ref<std::optional<bool>>(f) = v;
            committed(f);
            return true;
        }
        return bool_value(v, ec);
    }

    BOOST_FORCEINLINE bool on_null(error_code& ec)
    {
        // An optional scalar member: back to std::nullopt (a repeated key may have set it).
        frame& f = frames_.back();
        switch (f.direct) {
        case slot::optional_string:
            member_ref<std::optional<std::string>>(f).reset();
            return true;
        case slot::optional_int:
            member_ref<std::optional<std::int64_t>>(f).reset();
            return true;
        case slot::optional_double:
            member_ref<std::optional<double>>(f).reset();
            return true;
        case slot::optional_bool:
            member_ref<std::optional<bool>>(f).reset();
            return true;
        default:
            return null_value(ec);
        }
    }

    bool on_comment_part(json_string, error_code&) { return true; }
    bool on_comment(json_string, error_code&) { return true; }

    /// Set when the root has the wrong kind: what was expected and what came.
    std::string root_problem;

private:
    bool skipping() const { return skip_depth_ > 0; }

    // A value (container) to skip starts: the top frame stops matching keys and direct slots until
    // it ends.
    bool enter_skip()
    {
        if (skip_depth_++ == 0) {
            frame& f = frames_.back();
            saved_expected_ = f.expected;
            saved_direct_ = f.direct;
            f.expected = nullptr;
            f.direct = slot::unknown;
        }
        return true;
    }

    // `n`: the number of members or items of the container that ends.
    bool leave_skip(std::size_t n, sink_kind kind)
    {
        if (recorder_)
            return leave_recorded(n, kind);
        if (--skip_depth_ == 0) {
            frame& f = frames_.back();
            f.expected = saved_expected_;
            f.direct = saved_direct_;
            after_value();
        }
        return true;
    }

    // A container for a boost::json::value starts: skipped, and recorded into `target`.
    BOOST_NOINLINE bool start_recording(void* target)
    {
        if (!recorder_storage_)
            recorder_storage_ = std::make_unique<boost::json::value_stack>();
        recorder_ = recorder_storage_.get();
        recorder_->reset();
        recording_target_ = static_cast<boost::json::value*>(target);
        return enter_skip();
    }

    BOOST_NOINLINE bool leave_recorded(std::size_t n, sink_kind kind)
    {
        if (kind == sink_kind::object)
            recorder_->push_object(n);
        else
            recorder_->push_array(n);
        if (--skip_depth_ == 0) {
            *recording_target_ = recorder_->release();
            recorder_ = nullptr;
            recording_target_ = nullptr;
            frame& f = frames_.back();
            f.expected = saved_expected_;
            f.direct = saved_direct_;
            committed(f);
            after_value();
        }
        return true;
    }

    bool begin_container(sink_kind kind, const char* got, error_code& ec)
    {
        if (skipping())
            return enter_skip();
        if (frames_.empty()) [[unlikely]] // the root
            return open_root(kind, got, ec);
        const sink* s = nullptr;
        void* target = value_target(s);
        if (!target)
            return enter_skip();
        if (s->kind != kind) [[unlikely]]
            return other_container(s, target, kind, got, ec);
        return push(s, prepare(target), ec);
    }

    // A container for a map or a boost::json::value, or of the wrong kind.
    BOOST_NOINLINE bool other_container(const sink* s, void* target, sink_kind kind, const char* got, error_code& ec)
    {
        if (s->kind == sink_kind::map && kind == sink_kind::object)
            return push(s, prepare(target), ec);
        if (s->kind == sink_kind::raw)
            return start_recording(prepare(target));
        return wrong_container(got);
    }

    BOOST_NOINLINE bool wrong_container(const char* got)
    {
        wrong_type(got);
        return enter_skip();
    }

    BOOST_NOINLINE bool open_root(sink_kind kind, const char* got, error_code& ec)
    {
        if (root_sink_->kind != kind && !(root_sink_->kind == sink_kind::map && kind == sink_kind::object)) {
            root_problem = "expected " + std::string(root_sink_->expected) + " at the root, got " + got;
            ec = make_error_code(errc::unexpected_root);
            return false;
        }
        return push(root_sink_, root_, ec);
    }

    BOOST_NOINLINE bool root_scalar(const char* got, error_code& ec)
    {
        root_problem = "expected " + std::string(root_sink_->expected) + " at the root, got " + got;
        ec = make_error_code(errc::unexpected_root);
        return false;
    }

    BOOST_FORCEINLINE bool push(const sink* s, void* target, error_code& ec)
    {
        if (frames_.size() >= max_depth_) [[unlikely]]
            return too_deep(ec);
        frame& f = frames_.push();
        f.s = s;
        f.target = static_cast<char*>(target);
        f.field = nullptr;
        f.member = nullptr;
        f.index = 0;
        f.seen = 0;
        f.direct = slot::other;
        f.track_required = s->has_required;
        if (s->kind == sink_kind::object) {
            f.is_object = true;
            f.fields = s->fields;
            f.guess = s->next_guess;
            if (!s->offsets_ready->load(std::memory_order_acquire)) [[unlikely]]
                s->fill_offsets();
            f.offsets = s->offsets;
            f.expected = std::atomic_ref<const field_entry*>(f.guess[0]).load(std::memory_order_relaxed);
            if (reports_null_) [[unlikely]]
                f.expected = nullptr; // every key to lookup_field(), which turns off the direct slots
        } else {
            f.is_object = s->kind == sink_kind::map;
            f.key = nullptr;
            f.fields = nullptr;
            f.guess = nullptr;
            f.offsets = nullptr;
            f.expected = nullptr;
        }
        return true;
    }

    BOOST_NOINLINE static bool too_deep(error_code& ec)
    {
        ec = make_error_code(errc::nesting_too_deep);
        return false;
    }

    // Closing a container is a value of the one around it (nothing, for the root).
    BOOST_FORCEINLINE void pop()
    {
        frames_.pop_back();
        committed(frames_.back());
        after_value();
    }

    // The sink and storage for the value that starts now; nullptr when it is to be skipped.
    // For an object member the storage is the struct (prepare() reaches the member); for an array
    // item it is the vector.
    void* value_target(const sink*& s)
    {
        frame& f = frames_.back();
        if (f.is_object) {
            if (f.direct == slot::unknown)
                return nullptr; // unknown key
            s = f.field->value_sink;
            return f.target;
        }
        s = f.s->element;
        return f.target;
    }

    void* prepare(void* target)
    {
        frame& f = frames_.back();
        if (f.is_object)
            return f.field->prepare(f.member);
        return f.s->append(target);
    }

    template <class T>
    static T& member_ref(const frame& f)
    {
        return *std::launder(reinterpret_cast<T*>(f.member));
    }

    // The value was stored: remember required members (only objects track them).
    BOOST_FORCEINLINE static void committed(frame& f)
    {
        if (f.track_required) {
            const std::size_t i = f.field->index;
            if (i < 64)
                f.seen |= std::uint64_t(1) << i;
        }
    }

    // The value was rejected after prepare(): undo.
    void discard()
    {
        frame& f = frames_.back();
        if (f.s->kind == sink_kind::map)
            erase_entry(f);
        else if (f.is_object)
            f.field->reset(f.member);
        else
            f.s->drop_last(f.target);
    }

    // A map's current entry holds no value after all.
    static void erase_entry(frame& f)
    {
        if (f.key) {
            f.s->erase(f.target, *f.key);
            f.key = nullptr;
            f.member = nullptr;
            f.direct = slot::unknown; // a second value for this key (none in JSON) would be skipped
        }
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
            if (f.s->kind == sink_kind::map)
                erase_entry(f);
            else
                f.field->reset(f.member);
        } else {
            state_.report_here(diagnostic_kind::wrong_type,
                               "expected " + std::string(f.s->element->expected) + ", got " + got + " (item skipped)");
        }
    }

    // --- scalars other than the common cases of the on_* functions (and the root)

    BOOST_NOINLINE bool string_value(std::string_view text, error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_string({text.data(), text.size()});
            return true;
        }
        if (!string_buffer_.empty()) { // the string came in parts
            string_buffer_.append(text);
            const bool ok = store_string(string_buffer_, ec);
            string_buffer_.clear();
            return ok;
        }
        return store_string(text, ec);
    }

    bool store_string(std::string_view text, error_code& ec)
    {
        if (frames_.empty())
            return root_scalar("a string", ec);
        const sink* sk = nullptr;
        if (void* target = value_target(sk)) {
            if (sk->set_string) {
                sk->set_string(prepare(target), text, state_);
                committed(frames_.back());
            } else {
                wrong_type("a string " + quoted_excerpt(text));
            }
        }
        after_value();
        return true;
    }

    BOOST_NOINLINE bool int_value(std::int64_t v, error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_int64(v);
            return true;
        }
        if (frames_.empty())
            return root_scalar("a number", ec);
        const sink* sk = nullptr;
        if (void* target = value_target(sk)) {
            if (sk->set_int) {
                sk->set_int(prepare(target), v, state_);
                committed(frames_.back());
            } else {
                wrong_type("the number " + std::to_string(v));
            }
        }
        after_value();
        return true;
    }

    BOOST_NOINLINE bool double_value(double v, error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_double(v);
            return true;
        }
        if (frames_.empty())
            return root_scalar("a number", ec);
        const sink* sk = nullptr;
        if (void* target = value_target(sk)) {
            if (!std::isfinite(v) && (sk->set_double || sk->set_int)) {
                // Boost.JSON reads 1e400 as infinity, which no model value can be (nor JSON hold).
                state_.report_here(diagnostic_kind::out_of_range, "the number is beyond the range of a double");
                discard();
            } else if (sk->set_double) {
                sk->set_double(prepare(target), v, state_);
                committed(frames_.back());
            } else if (sk->set_int) {
                // An integer member accepts 1.0, not 1.5.
                if (std::trunc(v) == v && v >= -9.2233720368547758e18 && v < 9.2233720368547758e18) {
                    sk->set_int(prepare(target), static_cast<std::int64_t>(v), state_);
                    committed(frames_.back());
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

    BOOST_NOINLINE bool bool_value(bool v, error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_bool(v);
            return true;
        }
        if (frames_.empty())
            return root_scalar(v ? "true" : "false", ec);
        const sink* sk = nullptr;
        if (void* target = value_target(sk)) {
            if (sk->set_bool) {
                sk->set_bool(prepare(target), v);
                committed(frames_.back());
            } else {
                wrong_type(v ? "true" : "false");
            }
        }
        after_value();
        return true;
    }

    BOOST_NOINLINE bool null_value(error_code& ec)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_null();
            return true;
        }
        if (frames_.empty())
            return root_scalar("null", ec);
        frame& f = frames_.back();
        if (f.is_object) {
            if (f.direct != slot::unknown) {
                const field_entry& e = *f.field;
                if (e.value_sink->set_null) { // a boost::json::value keeps the null
                    e.value_sink->set_null(e.prepare(f.member));
                    committed(f);
                } else if (f.s->kind == sink_kind::map) {
                    wrong_type("null"); // reported, and the entry left out
                } else {
                    if (e.required || reports_null_)
                        wrong_type("null");
                    e.reset(f.member);
                }
            }
        } else if (f.s->element->set_null) {
            f.s->element->set_null(f.s->append(f.target));
        } else {
            // null inside an array: the item is skipped
            state_.report_here(diagnostic_kind::wrong_type,
                               "expected " + std::string(f.s->element->expected) + ", got null (item skipped)");
        }
        after_value();
        return true;
    }

    // --- keys

    // A key that is not the expected one, came in parts, or is inside a skipped value.
    BOOST_NOINLINE bool other_key(std::string_view key)
    {
        if (skipping()) {
            if (recorder_)
                recorder_->push_key({key.data(), key.size()});
            return true;
        }
        if (key_buffer_.empty()) {
            lookup_field(frames_.back(), key); // on_key compared it with the expected one
            return true;
        }
        key_buffer_.append(key);
        select_field(key_buffer_);
        key_buffer_.clear();
        return true;
    }

    // A key of a map (which has no members, so every key comes here): its entry is the member the
    // value goes to.
    BOOST_NOINLINE static void map_key(frame& f, std::string_view key)
    {
        f.member = static_cast<char*>(f.s->insert(f.target, key, &f.key));
        f.field = f.s->map_entry;
        f.direct = slot::other;
    }

    // First the member that followed the previous one last time (looked up when that one matched,
    // so the load is done by now), then the hash table.
    void select_field(std::string_view key)
    {
        frame& f = frames_.back();
        if (const field_entry* e = f.expected; e && key_is(*e, key))
            return matched(f, e);
        lookup_field(f, key);
    }

    void lookup_field(frame& f, std::string_view key)
    {
        const sink& s = *f.s;
        if (s.field_count != 0) {
            for (std::size_t bucket = key_hash(key) & s.key_mask; s.key_table[bucket] != 0; bucket = (bucket + 1) & s.key_mask) {
                const field_entry* e = f.fields + (s.key_table[bucket] - 1u);
                if (key_is(*e, key)) {
                    // Learn: after the previous known member comes this one.
                    const std::size_t previous = f.field ? f.field->index + 1u : 0u;
                    std::atomic_ref<const field_entry*>(f.guess[previous]).store(e, std::memory_order_relaxed);
                    matched(f, e);
                    if (reports_null_) [[unlikely]] {
                        // A null must reach null_value(): no direct slot, no expected key.
                        f.direct = slot::other;
                        f.expected = nullptr;
                    }
                    return;
                }
            }
        } else if (s.kind == sink_kind::map) {
            return map_key(f, key);
        }
        // An unknown key: its value is skipped. f.field stays the previous known member, and the
        // guess for the next key stays too, as the learnt order goes from known key to known key.
        f.direct = slot::unknown;
        if (state_.options->report_unknown_keys)
            report_unknown_key(key);
    }

    BOOST_NOINLINE void report_unknown_key(std::string_view key)
    {
        state_.report_key(diagnostic_kind::unknown_key, "key not in the model (ignored)", key);
    }

    BOOST_FORCEINLINE static void matched(frame& f, const field_entry* e)
    {
        f.field = e;
        f.direct = e->direct;
        f.member = f.target + f.offsets[e->index];
        f.expected = std::atomic_ref<const field_entry*>(f.guess[e->index + 1]).load(std::memory_order_relaxed);
        // The next key is compared with it after the value is parsed: start loading it now
        // (a prefetch of nullptr does nothing).
        __builtin_prefetch(f.expected);
    }

    BOOST_NOINLINE void check_required()
    {
        const frame& f = frames_.back();
        for (std::size_t i = 0; i < f.s->field_count && i < 64; ++i) {
            if (f.s->fields[i].required && !(f.seen & (std::uint64_t(1) << i)))
                state_.report_key(diagnostic_kind::missing_required, "required key is missing", f.s->fields[i].key);
        }
    }

    const sink* root_sink_;
    void* root_;
    std::size_t max_depth_;
    bool reports_null_; ///< !options.null_is_absent
    decode_state state_;
    frame_stack frames_;
    std::size_t skip_depth_ = 0;
    const field_entry* saved_expected_ = nullptr; ///< the top frame's, while skipping
    slot saved_direct_ = slot::other;
    bool number_in_parts_ = false; ///< on_number_part came before the number's end
    std::string key_buffer_;
    std::string string_buffer_;
    boost::json::value_stack* recorder_ = nullptr; ///< set while a boost::json::value is recorded
    boost::json::value* recording_target_ = nullptr;
    std::unique_ptr<boost::json::value_stack> recorder_storage_;
};

/// Where byte `offset` of `body` is: "byte N", or "line L, column C" (both from 1) with `lines`.
inline std::string json_position(std::string_view body, std::size_t offset, bool lines)
{
    if (!lines)
        return "byte " + std::to_string(offset);
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < body.size(); ++i) {
        if (body[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

inline std::string describe_json_error(const boost::system::error_code& ec, std::size_t offset, std::string_view body,
                                       bool file)
{
    if (body.empty())
        return file ? "the file is empty" : "the body is empty";
    if (ec == boost::json::error::incomplete)
        return file ? "the file ends before the JSON does (at " + json_position(body, body.size(), true) + ")"
                    : "the body ends before the JSON does (truncated at byte " + std::to_string(body.size()) + ")";
    return "not JSON: " + ec.message() + " at " + json_position(body, offset, file);
}

/// What both drivers do once the parser has stopped, with what basic_parser::write_some(false, …)
/// gives: `parse_ec` (the parser's or the handler's error) and `used` (where it stopped). Maps the
/// error, checks that nothing but white space (and comments, when allowed) follows the document,
/// and applies strict mode.
inline void finish_decode(const decode_handler& handler, boost::system::error_code parse_ec, std::size_t used,
                          std::string_view body, boost::system::error_code& ec, const decode_options& options,
                          std::vector<diagnostic>& diagnostics)
{
    if (parse_ec) {
        if (parse_ec == errc::unexpected_root) {
            ec = parse_ec;
            diagnostics.push_back({diagnostic_kind::invalid_body, "", handler.root_problem});
        } else if (parse_ec == errc::nesting_too_deep || parse_ec == boost::json::error::too_deep) {
            ec = make_error_code(errc::nesting_too_deep);
            diagnostics.push_back({diagnostic_kind::invalid_body, "",
                                   std::string(options.file_messages ? "the file" : "the body") + " nests deeper than " +
                                       std::to_string(options.max_depth) + " levels"});
        } else {
            ec = make_error_code(errc::invalid_json);
            diagnostics.push_back(
                {diagnostic_kind::invalid_body, "", describe_json_error(parse_ec, used, body, options.file_messages)});
        }
        return;
    }
    // write_some() stops at the end of the document: anything but white space after it is an error.
    for (std::size_t i = used; i < body.size(); ++i) {
        char c = body[i];
        if (options.allow_comments && c == '/' && i + 1 < body.size() && (body[i + 1] == '/' || body[i + 1] == '*')) {
            const bool line = body[i + 1] == '/';
            const std::size_t end = body.find(line ? "\n" : "*/", i + 2);
            if (end != std::string_view::npos || line) {
                i = end == std::string_view::npos ? body.size() : end + (line ? 0 : 1);
                continue;
            }
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            ec = make_error_code(errc::invalid_json);
            diagnostics.push_back(
                {diagnostic_kind::invalid_body, "",
                 "not JSON: extra data after the document at " + json_position(body, i, options.file_messages)});
            return;
        }
    }
    if (options.strict && !diagnostics.empty())
        ec = make_error_code(errc::strict_decode_failed);
}

} // namespace renault::detail
