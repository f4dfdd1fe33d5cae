// Selector lexer: query text to tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace rrflow::internal {

struct Token {
  enum class Kind {
    kField,      ///< `.name` (text: the name)
    kDot,        ///< `.` not followed by a name
    kIdent,      ///< a bare name, e.g. a function (text: the name)
    kInteger,    ///< ASCII digits (integer: the value)
    kString,     ///< `"..."` (text: the unescaped value)
    kPipe,       ///< `|`
    kQuestion,   ///< `?`
    kBang,       ///< `!`
    kLBracket,   ///< `[`
    kRBracket,   ///< `]`
    kLParen,     ///< `(`
    kRParen,     ///< `)`
    kSemicolon,  ///< `;`
    kEnd,        ///< the end of the input
  };

  Kind kind = Kind::kEnd;
  std::string text;
  uint64_t integer = 0;
};

/// How error messages show a token: `.name`, the name, the digits, the
/// Rust-quoted string, or the symbol.
std::string DescribeToken(const Token& token);

/// The tokens of `query`, ending with kEnd. Errors (`Invalid`) carry the
/// reference's texts, e.g. ``unexpected character `@` at line 1, column 6``;
/// positions count Unicode scalar values from line 1, column 1.
arrow::Result<std::vector<Token>> Tokenize(std::string_view query);

}  // namespace rrflow::internal
