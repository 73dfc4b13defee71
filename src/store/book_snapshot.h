// Snapshots of derived books: state that is a pure function of an
// append-only event table (credit's features and reputation's order tallies
// are functions of order_events), saved as text so that start-up reads the
// newest snapshot and replays only the events after it, instead of every
// event ever written (DESIGN.md, "Storage and the write path").
//
// A snapshot is a header row (the book's name, the id of the last event it
// includes), its text in chunks of at most kBookSnapshotChunkBytes, and last
// the mark that makes it complete; a job that fails leaves none of it, and
// only complete snapshots are read. The newest kBookSnapshotsKept per book
// are kept. The text is the book's own: BookText below writes and reads the
// decimal integers it is made of (text, not a blob, so that the same column
// works on SQLite and on PostgreSQL).
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::store {

inline constexpr int64_t kBookSnapshotsKept = 2;
inline constexpr size_t kBookSnapshotChunkBytes = 1 << 20;

std::vector<Migration> BookSnapshotMigrations();

struct BookSnapshot {
  int64_t id = 0;
  int64_t last_event_id = 0;
  std::string text;
};

// Writes a complete snapshot of `book` as of `last_event_id` and prunes the
// old ones. REQUIRES: a writer job (the book's state and the event table
// agree inside it).
[[nodiscard]] Status WriteBookSnapshot(Connection& connection, std::string_view book,
                                       int64_t last_event_id, int64_t now_ms,
                                       std::string_view text);

// The newest complete snapshot of `book`, if any.
[[nodiscard]] Result<std::optional<BookSnapshot>> ReadNewestBookSnapshot(Connection& connection,
                                                                         std::string_view book);

// The last event id of the newest complete snapshot of `book`; 0 if none.
[[nodiscard]] Result<int64_t> NewestBookSnapshotEventId(Connection& connection,
                                                        std::string_view book);

// Builds a snapshot's text: integers separated by spaces, records by lines.
class BookTextWriter {
 public:
  BookTextWriter& Int(int64_t value) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    if (!text_.empty() && text_.back() != '\n') text_.push_back(' ');
    text_.append(buffer, end);
    return *this;
  }
  BookTextWriter& Word(std::string_view word) {  // no spaces or newlines
    if (!text_.empty() && text_.back() != '\n') text_.push_back(' ');
    text_.append(word);
    return *this;
  }
  void EndRecord() { text_.push_back('\n'); }
  std::string& text() { return text_; }

 private:
  std::string text_;
};

// Reads it back. Every read past the end or of a malformed field sets
// ok() to false and returns 0 / "": check ok() once at the end.
class BookTextReader {
 public:
  explicit BookTextReader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return position_ >= text_.size(); }
  int64_t Int();
  std::string_view Word();
  void EndRecord();  // expects the newline that ends a record
  bool ok() const { return ok_; }

 private:
  void SkipSpace();
  std::string_view text_;
  size_t position_ = 0;
  bool ok_ = true;
};

}  // namespace shrimp::store
