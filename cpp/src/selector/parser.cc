#include "selector/parser_internal.h"

#include <vector>

#include <arrow/status.h>

#include "selector/lexer_internal.h"

namespace rrflow::internal {
namespace {

using Kind = Token::Kind;

// A recursive-descent parser over the token list; `depth_` counts the
// nesting the evaluator will recurse through.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  arrow::Result<ExprPtr> ParseQuery() {
    ARROW_ASSIGN_OR_RAISE(auto expr, ParseExpr());
    if (Peek().kind != Kind::kEnd) return Unexpected(Peek());
    return expr;
  }

 private:
  const Token& Peek() const { return tokens_[next_]; }
  const Token& Take() { return tokens_[next_++]; }

  static arrow::Status Unexpected(const Token& token) {
    if (token.kind == Kind::kEnd) return arrow::Status::Invalid("unexpected end of input");
    return arrow::Status::Invalid("unexpected symbol `", DescribeToken(token), "`");
  }

  arrow::Status Expect(Kind kind) {
    const Token& token = Peek();
    if (token.kind == kind) {
      ++next_;
      return arrow::Status::OK();
    }
    if (token.kind == Kind::kEnd) return Unexpected(token);
    Token expected;
    expected.kind = kind;
    return arrow::Status::Invalid("expected `", DescribeToken(expected), "` but found `",
                                  DescribeToken(token), "`");
  }

  arrow::Status Nest() {
    if (++depth_ > kMaxSelectorNesting) {
      return arrow::Status::Invalid("selector nests more than ", kMaxSelectorNesting,
                                    " levels deep");
    }
    return arrow::Status::OK();
  }

  arrow::Result<ExprPtr> ParseExpr() {
    ARROW_ASSIGN_OR_RAISE(auto expr, ParseTerm());
    while (Peek().kind == Kind::kPipe) {
      ++next_;
      ARROW_ASSIGN_OR_RAISE(auto right, ParseTerm());
      expr = Expr::Pipe(std::move(expr), std::move(right), /*implicit=*/false);
    }
    return expr;
  }

  arrow::Result<ExprPtr> ParseTerm() {
    const Token& token = Peek();
    switch (token.kind) {
      case Kind::kIdent:
        return token.text == "map" ? ParseMap() : ParseFunction();
      case Kind::kDot:
        ++next_;
        if (StartsSegment(Peek())) return ParsePath();
        return Expr::Identity();
      case Kind::kField:
      case Kind::kLBracket:
        return ParsePath();
      default:
        return Unexpected(token);
    }
  }

  arrow::Result<ExprPtr> ParseMap() {
    ++next_;
    ARROW_RETURN_NOT_OK(Expect(Kind::kLParen));
    ARROW_RETURN_NOT_OK(Nest());
    ARROW_ASSIGN_OR_RAISE(auto body, ParseExpr());
    --depth_;
    ARROW_RETURN_NOT_OK(Expect(Kind::kRParen));
    return Expr::Map(std::move(body));
  }

  arrow::Result<ExprPtr> ParseFunction() {
    std::string name = Take().text;
    if (Peek().kind != Kind::kLParen) return Expr::Function(std::move(name), std::nullopt);
    ++next_;
    std::vector<std::string> arguments;
    if (Peek().kind == Kind::kString) {
      arguments.push_back(Take().text);
      while (Peek().kind == Kind::kSemicolon) {
        ++next_;
        if (Peek().kind != Kind::kString) return Unexpected(Peek());
        arguments.push_back(Take().text);
      }
    } else if (Peek().kind != Kind::kRParen) {
      return Unexpected(Peek());
    }
    ARROW_RETURN_NOT_OK(Expect(Kind::kRParen));
    return Expr::Function(std::move(name), std::move(arguments));
  }

  static bool StartsSegment(const Token& token) {
    return token.kind == Kind::kField || token.kind == Kind::kLBracket;
  }

  // Adjacent segments are piped implicitly: `.a[0].b` is `.a | [0] | .b`.
  arrow::Result<ExprPtr> ParsePath() {
    ARROW_ASSIGN_OR_RAISE(auto path, ParseSegment());
    while (StartsSegment(Peek())) {
      ARROW_ASSIGN_OR_RAISE(auto segment, ParseSegment());
      path = Expr::Pipe(std::move(path), std::move(segment), /*implicit=*/true);
    }
    return path;
  }

  // One segment and the `?`/`!` that bind to it.
  arrow::Result<ExprPtr> ParseSegment() {
    ExprPtr segment;
    const Token& token = Take();
    if (token.kind == Kind::kField) {
      segment = Expr::Field(token.text);
    } else if (Peek().kind == Kind::kRBracket) {
      ++next_;
      segment = Expr::Each();
    } else if (Peek().kind == Kind::kInteger) {
      const uint64_t index = Take().integer;
      ARROW_RETURN_NOT_OK(Expect(Kind::kRBracket));
      segment = Expr::Index(index);
    } else {
      return Unexpected(Peek());
    }
    const int depth = depth_;
    for (; Peek().kind == Kind::kQuestion || Peek().kind == Kind::kBang; ++next_) {
      ARROW_RETURN_NOT_OK(Nest());
      segment = Peek().kind == Kind::kQuestion ? Expr::Try(std::move(segment))
                                               : Expr::NonNull(std::move(segment));
    }
    depth_ = depth;
    return segment;
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
  int depth_ = 0;
};

}  // namespace

arrow::Result<ExprPtr> ParseSelector(std::string_view query) {
  ARROW_ASSIGN_OR_RAISE(auto tokens, Tokenize(query));
  return Parser(std::move(tokens)).ParseQuery();
}

}  // namespace rrflow::internal
