#include "selector/expr_internal.h"

#include "text/quoted_string_internal.h"

namespace rrflow::internal {
namespace {

ExprPtr MakeNode(Expr node) { return std::make_shared<const Expr>(std::move(node)); }

void Render(const Expr& expr, std::string* out) {
  switch (expr.kind) {
    case Expr::Kind::kIdentity:
      out->push_back('.');
      return;
    case Expr::Kind::kField:
      out->push_back('.');
      out->append(expr.name);
      return;
    case Expr::Kind::kIndex:
      out->append("[").append(std::to_string(expr.index)).append("]");
      return;
    case Expr::Kind::kEach:
      out->append("[]");
      return;
    case Expr::Kind::kPipe: {
      // Long chains nest on the left: walk that spine instead of recursing.
      std::vector<const Expr*> pipes;
      const Expr* node = &expr;
      for (; node->kind == Expr::Kind::kPipe; node = node->left.get()) pipes.push_back(node);
      Render(*node, out);
      for (auto it = pipes.rbegin(); it != pipes.rend(); ++it) {
        if (!(*it)->implicit) out->append(" | ");
        Render(*(*it)->right, out);
      }
      return;
    }
    case Expr::Kind::kTry:
      Render(*expr.left, out);
      out->push_back('?');
      return;
    case Expr::Kind::kNonNull:
      Render(*expr.left, out);
      out->push_back('!');
      return;
    case Expr::Kind::kFunction:
      out->append(expr.name);
      if (expr.arguments) {
        out->push_back('(');
        for (size_t i = 0; i < expr.arguments->size(); ++i) {
          if (i > 0) out->append("; ");
          out->append(RustDebugString((*expr.arguments)[i]));
        }
        out->push_back(')');
      }
      return;
    case Expr::Kind::kMap:
      out->append("map(");
      Render(*expr.left, out);
      out->push_back(')');
      return;
    case Expr::Kind::kExternal:
      out->append("<function>");
      return;
  }
}

}  // namespace

Expr::~Expr() {
  // A node owned only by this one is unlinked before it dies, so each
  // destructor call frees one stage instead of recursing down the chain.
  ExprPtr next = std::move(left);
  while (next != nullptr && next.use_count() == 1) {
    ExprPtr child = std::move(next->left);
    next = std::move(child);
  }
}

ExprPtr Expr::Identity() { return MakeNode(Expr{}); }

ExprPtr Expr::Field(std::string name) {
  Expr node;
  node.kind = Kind::kField;
  node.name = std::move(name);
  return MakeNode(std::move(node));
}

ExprPtr Expr::Index(uint64_t index) {
  Expr node;
  node.kind = Kind::kIndex;
  node.index = index;
  return MakeNode(std::move(node));
}

ExprPtr Expr::Each() {
  Expr node;
  node.kind = Kind::kEach;
  return MakeNode(std::move(node));
}

ExprPtr Expr::Pipe(ExprPtr left, ExprPtr right, bool implicit) {
  Expr node;
  node.kind = Kind::kPipe;
  node.left = std::move(left);
  node.right = std::move(right);
  node.implicit = implicit;
  return MakeNode(std::move(node));
}

ExprPtr Expr::Try(ExprPtr operand) {
  Expr node;
  node.kind = Kind::kTry;
  node.left = std::move(operand);
  return MakeNode(std::move(node));
}

ExprPtr Expr::NonNull(ExprPtr operand) {
  Expr node;
  node.kind = Kind::kNonNull;
  node.left = std::move(operand);
  return MakeNode(std::move(node));
}

ExprPtr Expr::Function(std::string name, std::optional<std::vector<std::string>> arguments) {
  Expr node;
  node.kind = Kind::kFunction;
  node.name = std::move(name);
  node.arguments = std::move(arguments);
  return MakeNode(std::move(node));
}

ExprPtr Expr::Map(ExprPtr body) {
  Expr node;
  node.kind = Kind::kMap;
  node.left = std::move(body);
  return MakeNode(std::move(node));
}

ExprPtr Expr::External(ArrayFunction function) {
  Expr node;
  node.kind = Kind::kExternal;
  node.function = std::move(function);
  return MakeNode(std::move(node));
}

std::string ToCanonicalString(const Expr& expr) {
  std::string out;
  Render(expr, &out);
  return out;
}

bool ContainsExternal(const Expr& expr) {
  const Expr* node = &expr;
  for (; node->kind == Expr::Kind::kPipe; node = node->left.get()) {
    if (ContainsExternal(*node->right)) return true;
  }
  if (node->kind == Expr::Kind::kExternal) return true;
  return node->left != nullptr && ContainsExternal(*node->left);
}

}  // namespace rrflow::internal
