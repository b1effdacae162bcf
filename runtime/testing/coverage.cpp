#include "runtime/testing/coverage.h"

#include <map>

#include "ast/walk.h"

namespace apex::runtime {
namespace {

// Calls `visit` for `s` and every statement inside it that runs on its
// own: blocks and empty statements are only containers.
template <class Visit>
void eachStatement(const ast::Stmt& s, Visit& visit) {
  if (s.kind != ast::StmtKind::Block && s.kind != ast::StmtKind::Empty) visit(s);
  ast::forEachChildStatement(s, [&](const ast::Stmt& child) { eachStatement(child, visit); });
}

// Every statement body of a class: methods, constructors, accessors,
// initializer blocks, and those of its inner classes.
template <class Visit>
void eachBody(const ast::TypeDecl& decl, Visit& visit) {
  auto body = [&](const ast::BlockStmt* b) {
    if (b) eachStatement(*b, visit);
  };
  for (const ast::MethodDecl& m : decl.methods) body(m.body.get());
  for (const ast::PropertyDecl& p : decl.properties) {
    body(p.getter.body.get());
    body(p.setter.body.get());
  }
  for (const ast::Initializer& i : decl.initializers) body(i.body.get());
  for (const auto& inner : decl.innerTypes) eachBody(*inner, visit);
}

}  // namespace

int roundedPercent(size_t part, size_t whole) { return whole == 0 ? 0 : int((part * 200 + whole) / (2 * whole)); }

int ClassCoverage::percent() const { return roundedPercent(coveredLines.size(), size_t(totalLines())); }

namespace {

// The coverage named `name` of the statements `walk` visits.
template <class Walk>
ClassCoverage measured(const std::string& name, const interp::StatementHits& hits, Walk&& walk) {
  std::map<int, uint32_t> lines;
  auto visit = [&](const ast::Stmt& s) {
    auto found = hits.find(&s);
    uint32_t& count = lines[s.loc.line];
    if (found != hits.end()) count += found->second;
  };
  walk(visit);
  ClassCoverage coverage;
  coverage.name = name;
  for (const auto& [line, count] : lines) {
    (count ? coverage.coveredLines : coverage.uncoveredLines).push_back(line);
    coverage.hitsByLine.emplace_back(line, count);
  }
  return coverage;
}

}  // namespace

ClassCoverage measureCoverage(const ast::TypeDecl& decl, const interp::StatementHits& hits) {
  return measured(decl.name, hits, [&](auto& visit) { eachBody(decl, visit); });
}

ClassCoverage measureCoverage(const ast::TriggerUnit& trigger, const interp::StatementHits& hits) {
  ClassCoverage coverage = measured(trigger.name, hits, [&](auto& visit) { eachStatement(*trigger.body, visit); });
  coverage.isTrigger = true;
  return coverage;
}

StatementOwners statementOwners(const std::vector<const ast::TypeDecl*>& classes) {
  StatementOwners owners;
  for (const ast::TypeDecl* decl : classes) {
    auto visit = [&](const ast::Stmt& s) { owners.emplace(&s, decl); };
    eachBody(*decl, visit);
  }
  return owners;
}

LineTotals lineTotals(const std::vector<ClassCoverage>& classes, bool touchedOnly) {
  LineTotals totals;
  for (const ClassCoverage& c : classes) {
    if (touchedOnly && c.coveredLines.empty()) continue;
    totals.covered += c.coveredLines.size();
    totals.total += size_t(c.totalLines());
  }
  return totals;
}

std::string coverageRate(const std::vector<ClassCoverage>& classes, bool touchedOnly) {
  LineTotals totals = lineTotals(classes, touchedOnly);
  return std::to_string(roundedPercent(totals.covered, totals.total)) + "%";
}

std::string lcovTracefile(const std::vector<ClassCoverage>& classes, const std::filesystem::path& root) {
  std::string out;
  for (const ClassCoverage& c : classes) {
    std::filesystem::path file = c.file.empty() ? std::filesystem::path(c.name + ".cls") : c.file;
    std::filesystem::path relative = file.lexically_relative(root);
    if (!relative.empty() && *relative.begin() != "..") file = relative;
    out += "TN:\nSF:" + file.string() + "\n";
    for (const auto& [line, count] : c.hitsByLine) out += "DA:" + std::to_string(line) + "," + std::to_string(count) + "\n";
    out += "LF:" + std::to_string(c.totalLines()) + "\nLH:" + std::to_string(c.coveredLines.size()) +
           "\nend_of_record\n";
  }
  return out;
}

}  // namespace apex::runtime
