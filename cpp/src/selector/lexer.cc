#include <limits>

#include <arrow/status.h>

#include "core/unicode_internal.h"
#include "selector/lexer_internal.h"
#include "text/quoted_string_internal.h"

namespace rrflow::internal {
namespace {

bool ContinuesName(char32_t cp) {
  return cp == '-' || cp == '_' || IsUnicodeAlphanumeric(cp);
}

bool IsWhitespace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n'; }

// Walks the query one Unicode scalar value at a time, tracking the position
// the reference reports: every character is one column, and only a newline
// between tokens starts a new line.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  arrow::Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipWhitespace();
      if (AtEnd()) break;
      ARROW_ASSIGN_OR_RAISE(auto token, Next());
      tokens.push_back(std::move(token));
    }
    tokens.push_back(Token{});
    return tokens;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  char32_t Peek() const {
    size_t pos = pos_;
    return DecodeUtf8(text_, &pos);
  }

  char32_t Advance() {
    const char32_t cp = DecodeUtf8(text_, &pos_);
    ++column_;
    return cp;
  }

  void SkipWhitespace() {
    while (!AtEnd() && IsWhitespace(Peek())) {
      if (Advance() == '\n') {
        ++line_;
        column_ = 1;
      }
    }
  }

  std::string Position(int64_t column) const {
    return "line " + std::to_string(line_) + ", column " + std::to_string(column);
  }

  std::string ReadName() {
    const size_t start = pos_;
    while (!AtEnd() && ContinuesName(Peek())) Advance();
    return std::string(text_.substr(start, pos_ - start));
  }

  arrow::Result<Token> Next() {
    const int64_t column = column_;
    const char32_t cp = Peek();
    Token token;
    switch (cp) {
      case '|':
        Advance();
        token.kind = Token::Kind::kPipe;
        return token;
      case '?':
        Advance();
        token.kind = Token::Kind::kQuestion;
        return token;
      case '!':
        Advance();
        token.kind = Token::Kind::kBang;
        return token;
      case '[':
        Advance();
        token.kind = Token::Kind::kLBracket;
        return token;
      case ']':
        Advance();
        token.kind = Token::Kind::kRBracket;
        return token;
      case '(':
        Advance();
        token.kind = Token::Kind::kLParen;
        return token;
      case ')':
        Advance();
        token.kind = Token::Kind::kRParen;
        return token;
      case ';':
        Advance();
        token.kind = Token::Kind::kSemicolon;
        return token;
      case '.': {
        Advance();
        if (!AtEnd() && IsUnicodeAlphabetic(Peek())) {
          token.kind = Token::Kind::kField;
          token.text = ReadName();
        } else {
          token.kind = Token::Kind::kDot;
        }
        return token;
      }
      case '"':
        return ReadString();
      default:
        break;
    }
    if (cp >= '0' && cp <= '9') return ReadInteger();
    if (cp == '_' || IsUnicodeAlphabetic(cp)) {
      token.kind = Token::Kind::kIdent;
      token.text = ReadName();
      return token;
    }
    std::string character;
    AppendUtf8(cp, &character);  // invalid UTF-8 shows as U+FFFD
    return arrow::Status::Invalid("unexpected character `", character, "` at ", Position(column));
  }

  arrow::Result<Token> ReadInteger() {
    const size_t start = pos_;
    while (!AtEnd() && text_[pos_] >= '0' && text_[pos_] <= '9') Advance();
    const std::string_view digits = text_.substr(start, pos_ - start);
    uint64_t value = 0;
    for (char digit : digits) {
      const uint64_t d = static_cast<uint64_t>(digit - '0');
      if (value > (std::numeric_limits<uint64_t>::max() - d) / 10) {
        return arrow::Status::Invalid("failed to parse `", digits,
                                      "` as integer: number too large to fit in target type");
      }
      value = value * 10 + d;
    }
    Token token;
    token.kind = Token::Kind::kInteger;
    token.integer = value;
    return token;
  }

  arrow::Result<Token> ReadString() {
    Advance();  // the opening quote
    const int64_t content_column = column_;
    Token token;
    token.kind = Token::Kind::kString;
    while (true) {
      if (AtEnd()) return Unterminated(content_column);
      const size_t start = pos_;
      const char32_t cp = Advance();
      if (cp == '"') return token;
      if (cp != '\\') {
        token.text.append(text_.substr(start, pos_ - start));
        continue;
      }
      if (AtEnd()) return Unterminated(content_column);
      const int64_t escape_column = column_;
      const size_t escape_start = pos_;
      switch (Advance()) {
        case '\\':
          token.text.push_back('\\');
          break;
        case '"':
          token.text.push_back('"');
          break;
        case 'n':
          token.text.push_back('\n');
          break;
        case 't':
          token.text.push_back('\t');
          break;
        default:
          return arrow::Status::Invalid("invalid escape sequence `\\",
                                        text_.substr(escape_start, pos_ - escape_start), "` at ",
                                        Position(escape_column));
      }
    }
  }

  arrow::Status Unterminated(int64_t column) const {
    return arrow::Status::Invalid("unterminated string at ", Position(column));
  }

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t column_ = 1;
};

}  // namespace

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case Token::Kind::kField:
      return "." + token.text;
    case Token::Kind::kDot:
      return ".";
    case Token::Kind::kIdent:
      return token.text;
    case Token::Kind::kInteger:
      return std::to_string(token.integer);
    case Token::Kind::kString:
      return RustDebugString(token.text);
    case Token::Kind::kPipe:
      return "|";
    case Token::Kind::kQuestion:
      return "?";
    case Token::Kind::kBang:
      return "!";
    case Token::Kind::kLBracket:
      return "[";
    case Token::Kind::kRBracket:
      return "]";
    case Token::Kind::kLParen:
      return "(";
    case Token::Kind::kRParen:
      return ")";
    case Token::Kind::kSemicolon:
      return ";";
    case Token::Kind::kEnd:
      break;
  }
  return "end of input";
}

arrow::Result<std::vector<Token>> Tokenize(std::string_view query) { return Lexer(query).Run(); }

}  // namespace rrflow::internal
