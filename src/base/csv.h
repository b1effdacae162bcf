// Comma-separated values as RFC 4180 writes them: fields separated by commas,
// records by CRLF or LF, a field in double quotes may hold commas, line
// breaks and doubled quotes (""). Used for the CSV files Test.loadData reads.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apex::csv {

using Row = std::vector<std::string>;

struct ParseError {
  int line = 0;  // 1-based line of the file where the problem is
  std::string message;
};

// The rows of `text`, blank lines left out; a UTF-8 byte order mark at the
// start is skipped. An unterminated quoted field, or text after a closing
// quote, is a ParseError.
std::variant<std::vector<Row>, ParseError> parse(std::string_view text);

}  // namespace apex::csv
