#include "runtime/data/sf_table.h"

#include <algorithm>

#include "base/text.h"

namespace apex::runtime {

namespace {

std::string repeat(std::string_view piece, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A border line: `left`, each column's width of `line`, `cross` between them, `right`.
std::string border(const std::vector<size_t>& widths, std::string_view left, std::string_view cross,
                   std::string_view right) {
  std::string out(left);
  for (size_t i = 0; i < widths.size(); ++i) out += (i ? std::string(cross) : "") + repeat("─", widths[i]);
  return out + std::string(right) + "\n";
}

// The lines of one row: each cell left-aligned after a space, padded to its column.
std::string rowLines(const std::vector<size_t>& widths, const std::vector<std::string>& cells) {
  std::vector<std::vector<std::string>> lines;
  size_t height = 1;
  for (const std::string& cell : cells) {
    lines.push_back(text::split(cell, '\n'));
    height = std::max(height, lines.back().size());
  }
  std::string out;
  for (size_t k = 0; k < height; ++k) {
    out += "│";
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string line = k < lines[i].size() ? lines[i][k] : "";
      out += (i ? "│" : "") + (" " + line) + std::string(widths[i] - 1 - text::codePointCount(line), ' ');
    }
    out += "│\n";
  }
  return out;
}

}  // namespace

std::string sfTable(const std::string& title, const std::vector<std::string>& headings,
                    const std::vector<std::vector<std::string>>& rows) {
  if (headings.empty()) return "\n";
  std::vector<size_t> widths;
  for (const std::string& heading : headings) widths.push_back(text::codePointCount(heading));
  for (const auto& row : rows)
    for (size_t i = 0; i < widths.size(); ++i)
      for (const std::string& line : text::split(row[i], '\n'))
        widths[i] = std::max(widths[i], text::codePointCount(line));
  for (size_t& width : widths) width += 2;
  std::string out = title.empty() ? "" : title + "\n";
  out += border(widths, "┌", "┬", "┐") + rowLines(widths, headings) + border(widths, "├", "┼", "┤");
  for (const auto& row : rows) out += rowLines(widths, row);
  return out + border(widths, "└", "┴", "┘") + "\n";
}

}  // namespace apex::runtime
