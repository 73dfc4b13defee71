#include "store/dialect.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace shrimp::store {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (std::toupper(static_cast<unsigned char>(a[index])) !=
        std::toupper(static_cast<unsigned char>(b[index]))) {
      return false;
    }
  }
  return true;
}

// A token of the statement: a word, a literal/quoted/dollar-quoted span (kept
// verbatim), whitespace, or one other character.
struct Token {
  enum Kind { kWord, kVerbatim, kSpace, kOther } kind;
  std::string_view text;
};

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  size_t at = 0;
  while (at < sql.size()) {
    size_t start = at;
    char c = sql[at];
    if (c == '\'' || c == '"') {
      // Quotes are doubled inside; the span ends at a lone closing quote.
      ++at;
      while (at < sql.size()) {
        if (sql[at] == c) {
          if (at + 1 < sql.size() && sql[at + 1] == c) {
            at += 2;
            continue;
          }
          ++at;
          break;
        }
        ++at;
      }
      tokens.push_back({Token::kVerbatim, sql.substr(start, at - start)});
    } else if (c == '$' && at + 1 < sql.size() &&
               (sql[at + 1] == '$' || std::isalpha(static_cast<unsigned char>(sql[at + 1])))) {
      // $tag$ ... $tag$ (PostgreSQL function bodies).
      size_t tag_end = sql.find('$', at + 1);
      if (tag_end == std::string_view::npos) {
        tokens.push_back({Token::kOther, sql.substr(at, 1)});
        ++at;
        continue;
      }
      std::string_view tag = sql.substr(at, tag_end - at + 1);
      size_t close = sql.find(tag, tag_end + 1);
      at = close == std::string_view::npos ? sql.size() : close + tag.size();
      tokens.push_back({Token::kVerbatim, sql.substr(start, at - start)});
    } else if (c == '-' && at + 1 < sql.size() && sql[at + 1] == '-') {
      size_t end = sql.find('\n', at);
      at = end == std::string_view::npos ? sql.size() : end;
      tokens.push_back({Token::kSpace, sql.substr(start, at - start)});
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
      tokens.push_back({Token::kSpace, sql.substr(start, at - start)});
    } else if (IsWordChar(c)) {
      while (at < sql.size() && IsWordChar(sql[at])) ++at;
      tokens.push_back({Token::kWord, sql.substr(start, at - start)});
    } else {
      ++at;
      tokens.push_back({Token::kOther, sql.substr(start, 1)});
    }
  }
  return tokens;
}

// The index of the next non-space token at or after `from`, or tokens.size().
size_t NextSignificant(const std::vector<Token>& tokens, size_t from) {
  while (from < tokens.size() && tokens[from].kind == Token::kSpace) ++from;
  return from;
}

bool WordAt(const std::vector<Token>& tokens, size_t index, std::string_view word) {
  return index < tokens.size() && tokens[index].kind == Token::kWord &&
         EqualsIgnoringCase(tokens[index].text, word);
}

// True when the join starting at `from` (after JOIN) has an ON clause before
// the next clause at the same depth.
bool JoinHasOn(const std::vector<Token>& tokens, size_t from) {
  int depth = 0;
  for (size_t index = from; index < tokens.size(); ++index) {
    const Token& token = tokens[index];
    if (token.kind == Token::kOther) {
      if (token.text == "(") depth += 1;
      if (token.text == ")" && --depth < 0) return false;
      if (token.text == ";" && depth == 0) return false;
      continue;
    }
    if (token.kind != Token::kWord || depth != 0) continue;
    if (EqualsIgnoringCase(token.text, "ON")) return true;
    for (const char* clause : {"JOIN", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION"}) {
      if (EqualsIgnoringCase(token.text, clause)) return false;
    }
  }
  return false;
}

}  // namespace

bool IsPragma(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  return WordAt(tokens, NextSignificant(tokens, 0), "PRAGMA");
}

Result<PostgresSql> ToPostgres(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  PostgresSql out;
  out.text.reserve(sql.size() + 16);
  // Depth of parentheses, and where an INSERT OR IGNORE statement wants its
  // ON CONFLICT clause: before a top-level RETURNING, or at the statement's end.
  int depth = 0;
  bool pending_do_nothing = false;
  auto close_do_nothing = [&] {
    if (!pending_do_nothing) return;
    while (!out.text.empty() && std::isspace(static_cast<unsigned char>(out.text.back()))) {
      out.text.pop_back();
    }
    out.text += " ON CONFLICT DO NOTHING";
    pending_do_nothing = false;
  };
  for (size_t index = 0; index < tokens.size(); ++index) {
    const Token& token = tokens[index];
    if (token.kind == Token::kOther) {
      if (token.text == "?") {
        // "?NNN" (SQLite's numbered parameter) keeps its number; a bare "?"
        // takes the next one after the largest so far, as in SQLite.
        if (index + 1 < tokens.size() && tokens[index + 1].kind == Token::kWord &&
            std::all_of(tokens[index + 1].text.begin(), tokens[index + 1].text.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
          int number = std::stoi(std::string(tokens[index + 1].text));
          out.parameters = std::max(out.parameters, number);
          out.text += "$" + std::to_string(number);
          index += 1;
          continue;
        }
        out.text += "$" + std::to_string(++out.parameters);
        continue;
      }
      if (token.text == "(") depth += 1;
      if (token.text == ")") depth -= 1;
      if (token.text == ";" && depth == 0) close_do_nothing();
      out.text += token.text;
      continue;
    }
    if (token.kind != Token::kWord) {
      out.text += token.text;
      continue;
    }
    std::string_view word = token.text;
    if (EqualsIgnoringCase(word, "INTEGER")) {
      size_t primary = NextSignificant(tokens, index + 1);
      size_t key = NextSignificant(tokens, primary + 1);
      if (WordAt(tokens, primary, "PRIMARY") && WordAt(tokens, key, "KEY")) {
        out.text += "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        index = key;
      } else {
        out.text += "BIGINT";
      }
    } else if (EqualsIgnoringCase(word, "WITHOUT") &&
               WordAt(tokens, NextSignificant(tokens, index + 1), "ROWID")) {
      index = NextSignificant(tokens, index + 1);
    } else if (EqualsIgnoringCase(word, "BEGIN") &&
               WordAt(tokens, NextSignificant(tokens, index + 1), "IMMEDIATE")) {
      out.text += "BEGIN";
      index = NextSignificant(tokens, index + 1);
    } else if (EqualsIgnoringCase(word, "CROSS") &&
               WordAt(tokens, NextSignificant(tokens, index + 1), "JOIN") &&
               JoinHasOn(tokens, NextSignificant(tokens, index + 1) + 1)) {
      // SQLite's CROSS JOIN ... ON (a join-order hint) is an inner join.
      out.text += "JOIN";
      index = NextSignificant(tokens, index + 1);
    } else if (EqualsIgnoringCase(word, "LIKE")) {
      out.text += "ILIKE";
    } else if (EqualsIgnoringCase(word, "group_concat")) {
      out.text += "string_agg";
    } else if (EqualsIgnoringCase(word, "last_insert_rowid") || EqualsIgnoringCase(word, "rowid")) {
      return Internal("SQL not portable to PostgreSQL (use RETURNING id): " + std::string(sql));
    } else if (EqualsIgnoringCase(word, "INSERT") &&
               WordAt(tokens, NextSignificant(tokens, index + 1), "OR")) {
      size_t action = NextSignificant(tokens, NextSignificant(tokens, index + 1) + 1);
      if (!WordAt(tokens, action, "IGNORE")) {
        return Internal(
            "SQL not portable to PostgreSQL (write INSERT ... ON CONFLICT ... DO UPDATE): " +
            std::string(sql));
      }
      out.text += "INSERT";
      index = action;
      pending_do_nothing = true;
    } else if (EqualsIgnoringCase(word, "RETURNING") && depth == 0) {
      close_do_nothing();
      out.text += " RETURNING";
    } else {
      out.text += word;
    }
  }
  close_do_nothing();
  return out;
}

}  // namespace shrimp::store
