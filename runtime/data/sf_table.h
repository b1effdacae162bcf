// Tables as the Salesforce CLI prints them (sf-plugins-core's `table`, drawn
// by @oclif/table in its default border style, vertical-with-outline), for
// `apexrun data` to print what `sf data` prints:
//
//   ┌──────┬─────────┐
//   │ ID   │ NAME    │
//   ├──────┼─────────┤
//   │ 001… │ Acme    │
//   └──────┴─────────┘
//
// Each column is as wide as its widest cell or heading plus a space on
// either side; a cell of several lines makes its row that high. The table
// is followed by an empty line, as sf prints it.
#pragma once

#include <string>
#include <vector>

namespace apex::runtime {

// `title` (when not empty) on a line of its own, then the table. Rows have
// one cell per heading. With no headings, only the empty line.
std::string sfTable(const std::string& title, const std::vector<std::string>& headings,
                    const std::vector<std::vector<std::string>>& rows);

}  // namespace apex::runtime
