#include "rrflow/core/entity_path.h"

#include <cctype>
#include <cstdio>

#include "core/unicode_internal.h"

namespace rrflow {
namespace {

bool IsAsciiPunctuationOrSpace(char32_t cp) {
  return cp == ' ' || (cp < 0x80 && std::ispunct(static_cast<int>(cp)));
}

// Resolves the escapes of one piece of a forgiving parse. Bytes that are not
// UTF-8 become U+FFFD, so that every part is text (and prints, and parses
// back from its printed form, as itself).
std::string UnescapePart(std::string_view piece) {
  std::string out;
  out.reserve(piece.size());
  size_t pos = 0;
  while (pos < piece.size()) {
    if (static_cast<unsigned char>(piece[pos]) >= 0x80) {
      internal::AppendUtf8(internal::DecodeUtf8(piece, &pos), &out);
      continue;
    }
    if (piece[pos] != '\\') {
      out.push_back(piece[pos++]);
      continue;
    }
    if (pos + 1 == piece.size()) {  // a trailing backslash stays literal
      out.push_back('\\');
      break;
    }
    const char next = piece[pos + 1];
    if (next == 'n' || next == 'r' || next == 't') {
      out.push_back(next == 'n' ? '\n' : next == 'r' ? '\r' : '\t');
      pos += 2;
      continue;
    }
    if (next == 'u') {
      // \u{XXXX} with exactly four hex digits; any other form is kept literally.
      const std::string_view rest = piece.substr(pos);
      if (rest.size() >= 8 && rest[2] == '{' && rest[7] == '}') {
        char32_t cp = 0;
        bool valid = true;
        for (size_t i = 3; i < 7 && valid; ++i) {
          const char c = rest[i];
          valid = std::isxdigit(static_cast<unsigned char>(c)) != 0;
          cp = cp * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(c))
                                                   ? c - '0'
                                                   : (std::tolower(c) - 'a' + 10));
        }
        if (valid && !(cp >= 0xD800 && cp <= 0xDFFF)) {
          internal::AppendUtf8(cp, &out);
          pos += 8;
          continue;
        }
      }
      out.push_back('\\');
      ++pos;
      continue;
    }
    // A backslash before anything else yields that character alone.
    ++pos;
    internal::AppendUtf8(internal::DecodeUtf8(piece, &pos), &out);
  }
  return out;
}

std::string PrintParts(const std::vector<std::string>& parts) {
  if (parts.empty()) return "/";
  std::string out;
  for (const auto& part : parts) {
    out.push_back('/');
    out += EscapeEntityPathPart(part);
  }
  return out;
}

// Natural order of two parts: digit runs compare as numbers, other characters
// case-insensitively first; the exact text breaks ties.
int CompareNaturalPart(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool a_digit = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool b_digit = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (a_digit && b_digit) {
      size_t i_end = i, j_end = j;
      while (i_end < a.size() && std::isdigit(static_cast<unsigned char>(a[i_end]))) ++i_end;
      while (j_end < b.size() && std::isdigit(static_cast<unsigned char>(b[j_end]))) ++j_end;
      std::string_view a_num = a.substr(i, i_end - i), b_num = b.substr(j, j_end - j);
      while (a_num.size() > 1 && a_num[0] == '0') a_num.remove_prefix(1);
      while (b_num.size() > 1 && b_num[0] == '0') b_num.remove_prefix(1);
      if (a_num.size() != b_num.size()) return a_num.size() < b_num.size() ? -1 : 1;
      if (const int c = a_num.compare(b_num); c != 0) return c < 0 ? -1 : 1;
      i = i_end;
      j = j_end;
      continue;
    }
    const int ca = std::tolower(static_cast<unsigned char>(a[i]));
    const int cb = std::tolower(static_cast<unsigned char>(b[j]));
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  const int exact = a.compare(b);
  return exact < 0 ? -1 : exact > 0 ? 1 : 0;
}

}  // namespace

EntityPath::EntityPath() {
  static const auto root = std::make_shared<const Data>(Data{{}, "/", std::hash<std::string>{}("/")});
  data_ = root;
}

EntityPath::EntityPath(std::vector<std::string> parts) {
  std::string printed = PrintParts(parts);
  const size_t hash = std::hash<std::string>{}(printed);
  data_ = std::make_shared<const Data>(Data{std::move(parts), std::move(printed), hash});
}

EntityPath EntityPath::Parse(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    if (pos == text.size() || text[pos] == '/') {
      if (pos > start) parts.push_back(UnescapePart(text.substr(start, pos - start)));
      start = ++pos;
    } else if (text[pos] == '\\') {
      pos += 2;  // the escaped character never splits
      if (pos > text.size()) pos = text.size();
    } else {
      ++pos;
    }
  }
  return EntityPath(std::move(parts));
}

bool EntityPath::IsProperty() const {
  const auto& parts = data_->parts;
  return !parts.empty() && parts[0] == "__properties";
}

int EntityPath::CompareNatural(const EntityPath& a, const EntityPath& b) {
  const auto& a_parts = a.parts();
  const auto& b_parts = b.parts();
  const size_t common = std::min(a_parts.size(), b_parts.size());
  for (size_t k = 0; k < common; ++k) {
    const std::string& pa = a_parts[k];
    const std::string& pb = b_parts[k];
    const bool a_hidden = pa.starts_with("__");
    const bool b_hidden = pb.starts_with("__");
    if (a_hidden != b_hidden) return a_hidden ? 1 : -1;
    if (const int c = CompareNaturalPart(pa, pb); c != 0) return c;
  }
  if (a_parts.size() == b_parts.size()) return 0;
  return a_parts.size() < b_parts.size() ? -1 : 1;
}

std::string EscapeEntityPathPart(std::string_view part) {
  std::string out;
  out.reserve(part.size());
  size_t pos = 0;
  while (pos < part.size()) {
    const size_t start = pos;
    const char32_t cp = internal::DecodeUtf8(part, &pos);
    if (cp == '_' || cp == '-' || cp == '.' || internal::IsUnicodeAlphanumeric(cp)) {
      out.append(part.substr(start, pos - start));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (IsAsciiPunctuationOrSpace(cp)) {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof(buffer), "\\u{%04X}", static_cast<unsigned>(cp));
      out += buffer;
    }
  }
  return out;
}

}  // namespace rrflow
