// detail::decode_into, the driver of decode<T>() in the separately compiled mode: Boost.JSON's
// basic_parser calls the handler of model/impl/decode_handler.ipp. Compiled once by
// <renault/src.hpp> (the header-only mode uses model/impl/decode_checked.ipp instead, which costs
// a user's translation unit much less to compile).
#pragma once

#include <renault/model/impl/decode_handler.ipp>

#include <boost/json/basic_parser_impl.hpp>

namespace renault::detail {

template <class>
BOOST_NOINLINE void decode_into(const sink* root_sink, void* root, std::string_view body,
                                boost::system::error_code& ec, const decode_options& options,
                                std::vector<diagnostic>& diagnostics)
{
    ec = {};
    boost::json::parse_options parse_options;
    parse_options.max_depth = options.max_depth + 1;
    parse_options.allow_comments = options.allow_comments;
    parse_options.allow_trailing_commas = options.allow_trailing_commas;
    boost::json::basic_parser<decode_handler> parser(parse_options, root_sink, root, options, diagnostics);
    boost::system::error_code parse_ec;
    // min: Boost.JSON 1.81 returns a meaningless count for a comment left open at the start of a
    // value ("/" with allow_comments); the error is `incomplete`, at the end of the body.
    const std::size_t used = std::min(parser.write_some(false, body.data(), body.size(), parse_ec), body.size());
    finish_decode(parser.handler(), parse_ec, used, body, ec, options, diagnostics);
}

} // namespace renault::detail
