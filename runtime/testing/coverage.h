// Line coverage of a test run, per class and trigger, as Salesforce reports it
// (ApexCodeCoverageAggregate: covered and uncovered lines): the executable
// lines of a class are the lines its statements start on; a line is covered
// when one of its statements ran in any test.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/interp.h"

namespace apex::runtime {

// `part` of `whole` as a whole percent, rounded half up as the Salesforce
// CLI shows rates; 0 when `whole` is 0.
int roundedPercent(size_t part, size_t whole);

struct ClassCoverage {
  std::string name;
  std::filesystem::path file;  // the .cls or .trigger file; empty if unknown
  bool isTrigger = false;
  std::vector<int> coveredLines;
  std::vector<int> uncoveredLines;
  std::vector<std::pair<int, uint32_t>> hitsByLine;  // every executable line, with its run count

  int totalLines() const { return int(coveredLines.size() + uncoveredLines.size()); }
  // Whole percent, rounded as the Salesforce CLI shows it; 0 for no lines.
  int percent() const;
};

// The coverage of `decl` (a top-level class, its inner classes included)
// from the statement counts of a run.
ClassCoverage measureCoverage(const ast::TypeDecl& decl, const interp::StatementHits& hits);
// The coverage of a trigger's body, under the trigger's name.
ClassCoverage measureCoverage(const ast::TriggerUnit& trigger, const interp::StatementHits& hits);

// The top-level class (of `classes`) each executable statement belongs to,
// so that the classes one test reached can be found from its statement
// counts without walking every class.
using StatementOwners = std::unordered_map<const ast::Stmt*, const ast::TypeDecl*>;
StatementOwners statementOwners(const std::vector<const ast::TypeDecl*>& classes);

// The lines covered and all the executable lines of `classes`: the org-wide
// figures; with `touchedOnly`, over the classes the run reached (a covered
// line or more), the test-run figures.
struct LineTotals {
  size_t covered = 0;
  size_t total = 0;
};
LineTotals lineTotals(const std::vector<ClassCoverage>& classes, bool touchedOnly = false);
// The same as a rounded "NN%".
std::string coverageRate(const std::vector<ClassCoverage>& classes, bool touchedOnly = false);

// An lcov tracefile (geninfo's format: SF, DA, LF, LH, end_of_record), with
// file paths relative to `root` when they are inside it.
std::string lcovTracefile(const std::vector<ClassCoverage>& classes, const std::filesystem::path& root);

}  // namespace apex::runtime
