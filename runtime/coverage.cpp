#include "runtime/coverage.h"

#include <map>

namespace apex::runtime {
namespace {

using ast::StmtKind;

// Calls `visit` for every statement of `s` that runs on its own: blocks
// and empty statements are only containers.
template <class Visit>
void eachStatement(const ast::Stmt& s, Visit& visit) {
  auto block = [&](const ast::BlockStmt* b) {
    if (b) eachStatement(*b, visit);
  };
  switch (s.kind) {
    case StmtKind::Block:
      for (const ast::StmtPtr& inner : s.as<ast::BlockStmt>().statements) eachStatement(*inner, visit);
      return;
    case StmtKind::Empty: return;
    case StmtKind::If: {
      const auto& i = s.as<ast::IfStmt>();
      visit(s);
      eachStatement(*i.thenBranch, visit);
      if (i.elseBranch) eachStatement(*i.elseBranch, visit);
      return;
    }
    case StmtKind::For: visit(s); eachStatement(*s.as<ast::ForStmt>().body, visit); return;
    case StmtKind::ForEach: visit(s); eachStatement(*s.as<ast::ForEachStmt>().body, visit); return;
    case StmtKind::While: visit(s); eachStatement(*s.as<ast::WhileStmt>().body, visit); return;
    case StmtKind::DoWhile: visit(s); eachStatement(*s.as<ast::DoWhileStmt>().body, visit); return;
    case StmtKind::Switch:
      visit(s);
      for (const ast::WhenClause& w : s.as<ast::SwitchStmt>().whens) block(w.body.get());
      return;
    case StmtKind::Try: {
      const auto& t = s.as<ast::TryStmt>();
      visit(s);
      block(t.body.get());
      for (const ast::CatchClause& c : t.catches) block(c.body.get());
      block(t.finallyBlock.get());
      return;
    }
    case StmtKind::RunAs: visit(s); block(s.as<ast::RunAsStmt>().body.get()); return;
    default: visit(s); return;
  }
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

int ClassCoverage::percent() const {
  int total = totalLines();
  return total == 0 ? 0 : (int(coveredLines.size()) * 200 + total) / (2 * total);
}

ClassCoverage measureCoverage(const ast::TypeDecl& decl, const interp::StatementHits& hits) {
  std::map<int, uint32_t> lines;
  auto visit = [&](const ast::Stmt& s) {
    auto found = hits.find(&s);
    uint32_t& count = lines[s.loc.line];
    if (found != hits.end()) count += found->second;
  };
  eachBody(decl, visit);
  ClassCoverage coverage;
  coverage.name = decl.name;
  for (const auto& [line, count] : lines) {
    (count ? coverage.coveredLines : coverage.uncoveredLines).push_back(line);
    coverage.hitsByLine.emplace_back(line, count);
  }
  return coverage;
}

std::string coverageRate(const std::vector<ClassCoverage>& classes, bool touchedOnly) {
  size_t covered = 0, total = 0;
  for (const ClassCoverage& c : classes) {
    if (touchedOnly && c.coveredLines.empty()) continue;
    covered += c.coveredLines.size();
    total += size_t(c.totalLines());
  }
  return std::to_string(total == 0 ? 0 : (covered * 200 + total) / (2 * total)) + "%";
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
