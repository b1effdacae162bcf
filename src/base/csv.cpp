#include "base/csv.h"

namespace apex::csv {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  std::variant<std::vector<Row>, ParseError> rows() {
    std::vector<Row> rows;
    while (pos_ < text_.size()) {
      Row row;
      if (!readRow(row)) return error_;
      bool blank = row.size() == 1 && row[0].empty();
      if (!blank) rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  // Reads fields up to the end of the line (or of the text).
  bool readRow(Row& row) {
    while (true) {
      std::string field;
      if (!readField(field)) return false;
      row.push_back(std::move(field));
      if (pos_ >= text_.size()) return true;
      char c = text_[pos_++];
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
  }

  bool readField(std::string& field) {
    if (pos_ < text_.size() && text_[pos_] == '"') return readQuoted(field);
    while (pos_ < text_.size() && !endsField(text_[pos_])) field += text_[pos_++];
    return true;
  }

  bool readQuoted(std::string& field) {
    int opened = line_;
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c != '"') {
        if (c == '\n') ++line_;
        field += c;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && !endsField(text_[pos_])) return fail(line_, "unexpected text after a closing quote");
      return true;
    }
    return fail(opened, "a quoted field is not closed");
  }

  static bool endsField(char c) { return c == ',' || c == '\n' || c == '\r'; }

  bool fail(int line, std::string message) {
    error_ = {line, std::move(message)};
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  ParseError error_;
};

}  // namespace

std::variant<std::vector<Row>, ParseError> parse(std::string_view text) { return Reader(text).rows(); }

}  // namespace apex::csv
