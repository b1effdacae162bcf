// Resolver, part 5: the classes of an SFDX project, loaded by name the first
// time the resolver meets the name, and the access modifiers between them.
//
// A class found through ClassSource is declared, then its header and members
// are resolved at once, so a class can name another in any order, cycles
// included: a nested load stops at headers and members. When the outermost
// load returns, every class it brought in is laid out, checked and has its
// bodies resolved; a body may load further classes in turn.
#include <algorithm>
#include <utility>

#include "sema/class_source.h"
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

std::vector<CompileError> resolveAllClasses(Program& program) {
  Resolver(program).resolveAllClasses();
  std::vector<CompileError> errors;
  for (const auto& [name, broken] : program.classErrors) errors.push_back(broken.error);
  return errors;
}

void Resolver::resolveAllClasses() {
  for (ClassSource* source : {program_.systemClasses.get(), program_.classSource}) {
    if (!source) continue;
    for (const std::string& name : source->names()) {
      const ClassSymbol* known = program_.findClass(name);
      if ((known && known->isProjectClass) || program_.classError(name)) continue;
      try {
        loadProjectClass(name, SourceLoc{});
      } catch (const CompileFailure&) {
        // Recorded in program_.classErrors; the other classes go on.
      }
    }
  }
}

namespace {

// Salesforce's report of a class that does not compile, at the place that
// uses it (seen in deploy failures: "Dependent class is invalid and needs
// recompilation:\n Class Accounts : Variable does not exist: x").
CompileError blamed(CompileError error, const std::string& className) {
  error.className = className;
  error.classLine = error.line;
  error.classColumn = error.column;
  error.classMessage = error.message;
  error.message = diagnosticText(Diagnostic::DependentClassInvalid, className, error.message);
  return error;
}

// The failure of a use, at `use`, of a class that does not compile.
CompileFailure usedClassFails(const ClassError& broken, const SourceLoc& use) {
  CompileError error = broken.cause;
  error.line = use.line;
  error.column = use.column;
  return CompileFailure{std::move(error)};
}

const ClassSymbol* outermost(const ClassSymbol* cls) {
  while (cls->outer) cls = cls->outer;
  return cls;
}

// The error of class `className` itself, at `line`/`column` in it.
CompileError errorInClass(const std::string& className, int line, int column, const std::string& message) {
  CompileError error = CompileError::at(line, column, message);
  error.className = className;
  error.classLine = line;
  error.classColumn = column;
  error.classMessage = message;
  return error;
}

// Records `broken` and, transitively, every class that uses it: each fails
// where it first names the class, with the cause's "Dependent class is
// invalid" message.
void addClassError(Program& program, const std::string& folded, ClassError broken) {
  std::vector<std::pair<std::string, ClassError>> pending;
  pending.emplace_back(folded, std::move(broken));
  while (!pending.empty()) {
    auto [name, error] = std::move(pending.back());
    pending.pop_back();
    if (program.classErrors.count(name)) continue;
    if (error.symbol) program.hideClass(*error.symbol);
    const CompileError cause = error.cause;
    program.classErrors.emplace(name, std::move(error));
    auto users = program.usersOf.find(name);
    if (users == program.usersOf.end()) continue;
    for (const auto& [user, use] : users->second) {
      CompileError inUser = errorInClass(use.user->name, use.loc.line, use.loc.column, cause.message);
      pending.emplace_back(user, ClassError{std::move(inUser), cause, use.user});
    }
  }
}

}  // namespace

template <class Step>
void Resolver::compileStep(const std::string& className, Step&& step) {
  try {
    step();
  } catch (CompileFailure& failure) {
    if (failure.error.className.empty()) failure.error = blamed(std::move(failure.error), className);
    recordClassError(className, failure.error);
    throw;
  }
}

// `error` is the class's own (blamed on it) or a use, in the class, of a
// class that does not compile (blamed on that one).
void Resolver::recordClassError(const std::string& className, const CompileError& error) {
  std::string folded = foldCase(className);
  if (program_.classErrors.count(folded)) return;
  const ClassSymbol* symbol = program_.findClass(folded);
  if (symbol && !symbol->isProjectClass) symbol = nullptr;
  bool own = foldCase(error.className) == folded;
  CompileError inClass = own ? errorInClass(className, error.classLine, error.classColumn, error.classMessage)
                             : errorInClass(className, error.line, error.column, error.message);
  addClassError(program_, folded, ClassError{std::move(inClass), error, symbol});
}

void Resolver::noteClassUse(const ClassSymbol& used, const SourceLoc& loc) {
  const ClassSymbol* usedTop = outermost(&used);
  const ClassSymbol* userTop = ctx_.cls ? outermost(ctx_.cls) : nullptr;
  if (!usedTop->isProjectClass || !userTop || !userTop->isProjectClass || userTop == usedTop) return;
  program_.usersOf[foldCase(usedTop->name)].try_emplace(foldCase(userTop->name), Program::ClassUse{userTop, loc});
}

ClassSymbol* Resolver::loadProjectClass(const std::string& folded, const SourceLoc& use) {
  if (const ClassError* broken = program_.classError(folded)) throw usedClassFails(*broken, use);
  std::optional<ClassFile> file = program_.systemClasses ? program_.systemClasses->load(folded) : std::nullopt;
  bool systemClass = file.has_value();
  if (!file && program_.classSource) file = program_.classSource->load(folded);
  if (!file) return nullptr;
  ClassSymbol* cls = nullptr;
  if (file->error) {
    recordClassError(file->name, blamed(*file->error, file->name));
  } else if (TypeDecl& decl = *file->unit->typeDecl; foldCase(decl.name) != folded) {
    // Salesforce names a class after its file; a mismatch cannot be deployed.
    std::string message = diagnosticText(Diagnostic::ClassFileNameMismatch, decl.name, file->name);
    recordClassError(file->name, blamed(CompileError::at(decl.loc.line, decl.loc.column, std::move(message)), file->name));
  } else {
    program_.adopt(std::move(file->unit));
    cls = declareLoadedClass(decl, file->apiVersion);
    if (systemClass && cls) program_.bindNatives(cls->name);
  }
  // Reported at the use; a load that led here reports it at its own use.
  if (const ClassError* broken = program_.classError(folded)) throw usedClassFails(*broken, use);
  return cls;
}

// Declares a loaded class with its header and members and, unless a load
// of another class is under way, finishes the classes loaded so far. A load
// may start in the middle of another class's body, whose place is kept.
ClassSymbol* Resolver::declareLoadedClass(TypeDecl& decl, const std::string& apiVersion) {
  Context savedCtx = ctx_;
  auto savedScopes = std::move(scopes_);
  int savedNext = nextSlot_, savedMax = maxSlots_, savedLoops = loopDepth_;
  size_t savedTop = std::exchange(anonymousTopScope_, 0);
  bool savedAssign = std::exchange(assignTarget_, false);
  std::vector<ClassSymbol*>* savedInto = std::exchange(declaredInto_, &loading_);
  scopes_.clear();

  ++loadDepth_;
  ClassSymbol* cls = nullptr;
  try {
    compileStep(decl.name, [&] {
      size_t first = loading_.size();
      cls = declareType(decl, nullptr);
      std::vector<ClassSymbol*> declared(loading_.begin() + std::ptrdiff_t(first), loading_.end());
      for (ClassSymbol* c : declared) {
        c->isProjectClass = true;
        c->apiVersion = apiVersion;
      }
      checkTopLevelClass(*cls);
      for (ClassSymbol* c : declared) resolveHeader(*c);
      for (ClassSymbol* c : declared) declareMembers(*c);
      checkTestMethods(*cls);
    });
  } catch (const CompileFailure&) {
    // Recorded; the caller reports it at the use. The classes this load
    // brought in that do compile are still finished below.
  }
  --loadDepth_;
  declaredInto_ = savedInto;
  if (loadDepth_ == 0) finishLoadedClasses();

  ctx_ = savedCtx;
  scopes_ = std::move(savedScopes);
  nextSlot_ = savedNext;
  maxSlots_ = savedMax;
  loopDepth_ = savedLoops;
  anonymousTopScope_ = savedTop;
  assignTarget_ = savedAssign;
  return cls;
}

// Each class's failure is its own: the rest of the batch is still laid out,
// checked and resolved (a class that uses a failing one fails with it).
void Resolver::finishLoadedClasses() {
  std::vector<ClassSymbol*> batch = std::move(loading_);
  loading_.clear();
  auto compiles = [&](const ClassSymbol* c) { return !program_.classError(accessScope(c)->name); };
  auto isolated = [&](ClassSymbol* c, auto&& step) {
    if (!compiles(c)) return;
    try {
      compileStep(accessScope(c)->name, [&] { step(*c); });
    } catch (const CompileFailure&) {
      assignTarget_ = false;  // recorded; the next class starts afresh
    }
  };
  for (ClassSymbol* c : batch) {
    if (!compiles(c)) continue;
    layout(*c);
    c->lazyInitIndex = program_.lazyClassCount++;
  }
  for (ClassSymbol* c : batch) isolated(c, [&](ClassSymbol& k) { checkImplementsAll(k); });
  for (ClassSymbol* c : batch) isolated(c, [&](ClassSymbol& k) { resolveBodies(k); });
}

const Annotation* findAnnotation(const std::vector<Annotation>& annotations, std::string_view name) {
  std::string folded = foldCase(name);
  for (const Annotation& a : annotations) {
    if (foldCase(a.name) == folded) return &a;
  }
  return nullptr;
}

const std::string* annotationParam(const Annotation& annotation, std::string_view name) {
  for (const Annotation::Param& p : annotation.params)
    if (text::equalsIgnoreAsciiCase(p.name, name)) return &p.value;
  return nullptr;
}

bool isTestClass(const ClassSymbol& cls) { return cls.decl && findAnnotation(cls.decl->annotations, "isTest"); }

bool isTestMethod(const MethodDecl& method) {
  return findAnnotation(method.annotations, "isTest") || (method.modifiers & kTestMethod);
}

// Apex Developer Guide, "Classes": a top-level class is public or global,
// except a test class.
void Resolver::checkTopLevelClass(const ClassSymbol& cls) const {
  if (cls.modifiers & (kPublic | kGlobal) || isTestClass(cls)) return;
  fail(cls.decl->loc, Diagnostic::TopLevelVisibility);
}

// Apex Developer Guide, "IsTest Annotation" and "TestSetup Annotation": test
// and test setup methods are static, take no parameters and belong to a
// test class. Salesforce refuses the class when it is saved.
void Resolver::checkTestMethods(const ClassSymbol& cls) const {
  for (const MethodDecl& m : cls.decl->methods) {
    if (!isTestMethod(m) && !findAnnotation(m.annotations, "TestSetup")) continue;
    if (!isTestClass(cls)) fail(m.loc, Diagnostic::TestMethodOutsideTestClass);
    if (!(m.modifiers & kStatic)) fail(m.loc, Diagnostic::TestMethodNotStatic);
    if (!m.params.empty()) fail(m.loc, Diagnostic::TestMethodWithParameters);
  }
}

// The unit of private access: a project class with its inner classes, or the
// anonymous block with its local classes.
const ClassSymbol* Resolver::accessScope(const ClassSymbol* cls) const {
  if (!cls || !cls->isProjectClass) return program_.anonymousClass;
  while (cls->outer) cls = cls->outer;
  return cls;
}

bool Resolver::isPlatformClass(const ClassSymbol& cls) const {
  if (cls.isBuiltin) return true;
  if (!program_.systemClasses) return false;
  // Loaded as a project class is, from the standard library's source first.
  const ClassSymbol* top = outermost(&cls);
  std::vector<std::string> names = program_.systemClasses->names();
  return top->isProjectClass && std::find(names.begin(), names.end(), foldCase(top->name)) != names.end();
}

// Apex Developer Guide, "Access Modifiers": private (the default) is the
// defining class and its inner classes; protected adds the classes that
// extend it; public and global are everyone in the namespace. A member
// annotated @TestVisible is also visible to test classes ("TestVisible
// Annotation").
bool Resolver::canAccess(uint32_t modifiers, const ClassSymbol* owner) const {
  if (modifiers & (kPublic | kGlobal)) return true;
  if (owner->isBuiltin || owner->kind == ClassKind::Interface) return true;
  const ClassSymbol* scope = accessScope(ctx_.cls);
  if (scope == accessScope(owner)) return true;
  if ((modifiers & kTestVisible) && scope && scope->isProjectClass && isTestClass(*scope)) return true;
  if (modifiers & kProtected) {
    for (const ClassSymbol* c = ctx_.cls; c; c = c->outer) {
      if (c->isSubclassOf(owner)) return true;
    }
  }
  return false;
}

void Resolver::checkMethodAccess(const MethodSymbol& method, const SourceLoc& loc) const {
  if (canAccess(method.modifiers, method.owner)) return;
  if (method.isConstructor)
    fail(loc, Diagnostic::ConstructorNotVisible, method.owner->name, typeNames(method.params, ","));
  fail(loc, Diagnostic::MethodNotVisible, method.returnType->name, method.owner->qualifiedName, method.name,
       typeNames(method.params, ", "));
}

// A property's get and set may each narrow the property's access.
bool Resolver::canAccessVariable(const FieldSymbol& field, bool writing) const {
  uint32_t modifiers = field.modifiers;
  if (field.property) {
    const PropertyAccessor& accessor = writing ? field.property->setter : field.property->getter;
    constexpr uint32_t kAccess = kPublic | kGlobal | kProtected | kPrivate;
    if (accessor.modifiers & kAccess) modifiers = accessor.modifiers;
  }
  return canAccess(modifiers, field.owner);
}

void Resolver::checkVariableAccess(const FieldSymbol& field, bool writing, const SourceLoc& loc) const {
  if (!canAccessVariable(field, writing)) fail(loc, Diagnostic::VariableNotVisible, field.name);
}

void Resolver::checkTypeAccess(const ClassSymbol& cls, const SourceLoc& loc) const {
  if (!cls.isProjectClass || canAccess(cls.modifiers, &cls)) return;
  fail(loc, Diagnostic::TypeNotVisible, cls.qualifiedName);
}

}  // namespace apex::sema
