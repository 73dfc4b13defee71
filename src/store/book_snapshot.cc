#include "store/book_snapshot.h"

#include <algorithm>

namespace shrimp::store {

std::vector<Migration> BookSnapshotMigrations() {
  return {{"books", 1, "snapshots of the books derived from order events",
           R"sql(
CREATE TABLE book_snapshots (
  id INTEGER PRIMARY KEY,
  book TEXT NOT NULL,
  last_event_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
);
CREATE INDEX book_snapshots_book ON book_snapshots(book, id);
CREATE TABLE book_snapshot_chunks (
  snapshot_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
);
)sql"}};
}

Status WriteBookSnapshot(Connection& connection, std::string_view book, int64_t last_event_id,
                         int64_t now_ms, std::string_view text) {
  Query header(connection,
               "INSERT INTO book_snapshots (book, last_event_id, created_at, complete)"
               " VALUES (?, ?, ?, 0) RETURNING id");
  header.Bind(book, last_event_id, now_ms);
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> snapshot_id, header.ScalarInt());
  if (!snapshot_id) return Internal("book snapshot: no id returned");
  int64_t seq = 0;
  for (size_t at = 0; at < text.size(); ++seq) {
    // Chunks end at a record's end, so each is whole lines (easier to read by hand).
    size_t end = std::min(text.size(), at + kBookSnapshotChunkBytes);
    if (end < text.size()) {
      size_t newline = text.rfind('\n', end - 1);
      if (newline != std::string_view::npos && newline >= at) end = newline + 1;
    }
    Query chunk(connection,
                "INSERT INTO book_snapshot_chunks (snapshot_id, seq, text) VALUES (?, ?, ?)");
    chunk.Bind(*snapshot_id, seq, text.substr(at, end - at));
    SHRIMP_RETURN_IF_ERROR(chunk.Run());
    at = end;
  }
  Query complete(connection, "UPDATE book_snapshots SET complete = 1 WHERE id = ?");
  complete.Bind(*snapshot_id);
  SHRIMP_RETURN_IF_ERROR(complete.Run());
  // Keep the newest kBookSnapshotsKept complete snapshots of this book.
  Query oldest_kept(connection,
                    "SELECT MIN(id) FROM (SELECT id FROM book_snapshots WHERE book = ? AND"
                    " complete = 1 ORDER BY id DESC LIMIT ?) kept");
  oldest_kept.Bind(book, kBookSnapshotsKept);
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> keep_from, oldest_kept.ScalarInt());
  if (!keep_from) return OkStatus();
  Query prune_chunks(connection,
                     "DELETE FROM book_snapshot_chunks WHERE snapshot_id IN"
                     " (SELECT id FROM book_snapshots WHERE book = ? AND id < ?)");
  prune_chunks.Bind(book, *keep_from);
  SHRIMP_RETURN_IF_ERROR(prune_chunks.Run());
  Query prune(connection, "DELETE FROM book_snapshots WHERE book = ? AND id < ?");
  prune.Bind(book, *keep_from);
  return prune.Run();
}

Result<std::optional<BookSnapshot>> ReadNewestBookSnapshot(Connection& connection,
                                                           std::string_view book) {
  Query header(connection,
               "SELECT id, last_event_id FROM book_snapshots WHERE book = ? AND complete = 1"
               " ORDER BY id DESC LIMIT 1");
  header.Bind(book);
  if (!header.Next()) {
    SHRIMP_RETURN_IF_ERROR(header.status());
    return std::optional<BookSnapshot>();
  }
  BookSnapshot snapshot;
  snapshot.id = header.Int(0);
  snapshot.last_event_id = header.Int(1);
  Query chunks(connection,
               "SELECT text FROM book_snapshot_chunks WHERE snapshot_id = ? ORDER BY seq");
  chunks.Bind(snapshot.id);
  while (chunks.Next()) snapshot.text += chunks.Text(0);
  SHRIMP_RETURN_IF_ERROR(chunks.status());
  return std::optional<BookSnapshot>(std::move(snapshot));
}

Result<int64_t> NewestBookSnapshotEventId(Connection& connection, std::string_view book) {
  Query newest(connection,
               "SELECT COALESCE(MAX(last_event_id), 0) FROM book_snapshots WHERE book = ? AND"
               " complete = 1");
  newest.Bind(book);
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> id, newest.ScalarInt());
  return id.value_or(0);
}

void BookTextReader::SkipSpace() {
  while (position_ < text_.size() && text_[position_] == ' ') ++position_;
}

int64_t BookTextReader::Int() {
  SkipSpace();
  int64_t value = 0;
  auto [end, error] = std::from_chars(text_.data() + position_, text_.data() + text_.size(), value);
  if (error != std::errc()) {
    ok_ = false;
    return 0;
  }
  position_ = static_cast<size_t>(end - text_.data());
  return value;
}

std::string_view BookTextReader::Word() {
  SkipSpace();
  size_t start = position_;
  while (position_ < text_.size() && text_[position_] != ' ' && text_[position_] != '\n') {
    ++position_;
  }
  if (start == position_) ok_ = false;
  return text_.substr(start, position_ - start);
}

void BookTextReader::EndRecord() {
  SkipSpace();
  if (position_ >= text_.size() || text_[position_] != '\n') {
    ok_ = false;
    return;
  }
  ++position_;
}

}  // namespace shrimp::store
