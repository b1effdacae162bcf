#include "runtime/host/anonymous.h"

#include "interp/object.h"
#include "runtime/data/org_setup.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

namespace apex::runtime {

namespace {

void failCompile(AnonymousOutcome& out, const sema::CompileError& error) {
  out.compileProblem = error.message;
  out.classError = error;
  out.line = error.line;
  out.column = error.column;
}

// Parses and resolves the block, then the org's triggers (one that does
// not compile could not have been deployed).
bool compile(sema::Program& program, const ast::CompilationUnit& unit, AnonymousOutcome& out) {
  if (auto error = sema::resolveAnonymous(program, *unit.anonymous)) {
    failCompile(out, *error);
    return false;
  }
  if (std::vector<sema::CompileError> broken = sema::resolveTriggers(program); !broken.empty()) {
    failCompile(out, broken.front());
    return false;
  }
  return true;
}

void runBlock(Transaction& transaction, AnonymousOutcome& out) {
  try {
    transaction.vm().runAnonymous();
    out.success = true;
  } catch (const interp::ApexThrow& thrown) {
    const interp::ExceptionData& data = *thrown.exception.as<interp::InstanceObj>()->exception;
    out.exceptionMessage = transaction.describe(thrown);
    out.exceptionStackTrace = data.stackTrace;
    out.line = data.line;
    out.column = data.column;
    transaction.log().fatalError(out.exceptionMessage + "\n\n" + out.exceptionStackTrace);
  }
  transaction.log().finish(transaction.vm().cumulativeUsage());
  out.log = transaction.log().text();
}

}  // namespace

AnonymousOutcome executeAnonymous(const std::string& source, const AnonymousOrg& org) {
  AnonymousOutcome out;
  syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "AnonymousBlock");
  if (!parsed.errors.empty()) {
    const syntax::SyntaxError& first = parsed.errors.front();
    out.compileProblem = first.message;
    out.line = first.line;
    out.column = first.column;
    return out;
  }
  sema::Program program(stdlib::standardLibrary());
  program.schema = org.schema;
  program.orgConfig = org.config;
  program.classSource = org.classes;
  if (!compile(program, *parsed.unit, out)) return out;
  out.compiled = true;
  if (org.beforeRun && !org.beforeRun(*parsed.unit->anonymous)) return out;
  RecordStore& store = org.records(program);
  RunServices services = org.services;
  services.dataStore = &store;
  Transaction transaction(program, services);
  if (org.onUserDebug) transaction.log().onUserDebug(org.onUserDebug);
  transaction.log().beginAnonymous(source);
  store.begin();
  addSetupRecords(transaction.vm(), store, transaction.vm().user());
  runBlock(transaction, out);
  if (out.success) store.commit();
  else store.rollback();
  out.jobs = runQueuedJobs(transaction, store, out.success);
  out.emails = transaction.outbox().emails();
  return out;
}

}  // namespace apex::runtime
