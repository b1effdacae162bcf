// Resolver, part 5: the classes of an SFDX project, loaded by name the first
// time the resolver meets the name, and the access modifiers between them.
//
// A class found through ClassSource is declared, then its header and members
// are resolved at once, so a class can name another in any order, cycles
// included: a nested load stops at headers and members. When the outermost
// load returns, every class it brought in is laid out, checked and has its
// bodies resolved; a body may load further classes in turn.
#include <utility>

#include "sema/class_source.h"
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

std::optional<CompileError> resolveAllClasses(Program& program) {
  try {
    Resolver(program).resolveAllClasses();
  } catch (const CompileFailure& failure) {
    return failure.error;
  }
  return std::nullopt;
}

void Resolver::resolveAllClasses() {
  for (ClassSource* source : {program_.systemClasses.get(), program_.classSource}) {
    if (!source) continue;
    for (const std::string& name : source->names()) {
      const ClassSymbol* known = program_.findClass(name);
      if (!known || !known->isProjectClass) loadProjectClass(name, SourceLoc{});
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

}  // namespace

template <class Step>
void Resolver::compileStep(const std::string& className, Step&& step) {
  try {
    step();
  } catch (CompileFailure& failure) {
    if (failure.error.className.empty()) failure.error = blamed(std::move(failure.error), className);
    throw;
  }
}

ClassSymbol* Resolver::loadProjectClass(const std::string& folded, const SourceLoc& use) {
  try {
    std::optional<ClassFile> file = program_.systemClasses ? program_.systemClasses->load(folded) : std::nullopt;
    if (!file && program_.classSource) file = program_.classSource->load(folded);
    if (!file) return nullptr;
    if (file->error) throw CompileFailure{blamed(*file->error, file->name)};
    TypeDecl& decl = *file->unit->typeDecl;
    program_.adopt(std::move(file->unit));
    if (foldCase(decl.name) != folded) {
      // Salesforce names a class after its file; a mismatch cannot be deployed.
      std::string message = diagnosticText(Diagnostic::ClassFileNameMismatch, decl.name, file->name);
      throw CompileFailure{blamed(CompileError::at(decl.loc.line, decl.loc.column, std::move(message)), file->name)};
    }

    // A load may start in the middle of another class's body.
    Context savedCtx = ctx_;
    auto savedScopes = std::move(scopes_);
    int savedNext = nextSlot_, savedMax = maxSlots_, savedLoops = loopDepth_;
    size_t savedTop = std::exchange(anonymousTopScope_, 0);
    bool savedAssign = std::exchange(assignTarget_, false);
    std::vector<ClassSymbol*>* savedInto = std::exchange(declaredInto_, &loading_);
    scopes_.clear();

    ++loadDepth_;
    ClassSymbol* cls = nullptr;
    compileStep(decl.name, [&] {
      size_t first = loading_.size();
      cls = declareType(decl, nullptr);
      std::vector<ClassSymbol*> declared(loading_.begin() + std::ptrdiff_t(first), loading_.end());
      for (ClassSymbol* c : declared) {
        c->isProjectClass = true;
        c->apiVersion = file->apiVersion;
      }
      checkTopLevelClass(*cls);
      for (ClassSymbol* c : declared) resolveHeader(*c);
      for (ClassSymbol* c : declared) declareMembers(*c);
    });
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
  } catch (CompileFailure& failure) {
    // Reported where the outermost use is.
    failure.error.line = use.line;
    failure.error.column = use.column;
    throw;
  }
}

void Resolver::finishLoadedClasses() {
  std::vector<ClassSymbol*> batch = std::move(loading_);
  loading_.clear();
  for (ClassSymbol* c : batch) {
    layout(*c);
    c->lazyInitIndex = program_.lazyClassCount++;
  }
  for (ClassSymbol* c : batch) compileStep(accessScope(c)->name, [&] { checkImplementsAll(*c); });
  for (ClassSymbol* c : batch) compileStep(accessScope(c)->name, [&] { resolveBodies(*c); });
}

const Annotation* findAnnotation(const std::vector<Annotation>& annotations, std::string_view name) {
  std::string folded = foldCase(name);
  for (const Annotation& a : annotations) {
    if (foldCase(a.name) == folded) return &a;
  }
  return nullptr;
}

bool isTestClass(const ClassSymbol& cls) { return cls.decl && findAnnotation(cls.decl->annotations, "isTest"); }

// Apex Developer Guide, "Classes": a top-level class is public or global,
// except a test class.
void Resolver::checkTopLevelClass(const ClassSymbol& cls) const {
  if (cls.modifiers & (kPublic | kGlobal) || isTestClass(cls)) return;
  fail(cls.decl->loc, Diagnostic::TopLevelVisibility);
}

// The unit of private access: a project class with its inner classes, or the
// anonymous block with its local classes.
const ClassSymbol* Resolver::accessScope(const ClassSymbol* cls) const {
  if (!cls || !cls->isProjectClass) return program_.anonymousClass;
  while (cls->outer) cls = cls->outer;
  return cls;
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
void Resolver::checkVariableAccess(const FieldSymbol& field, bool writing, const SourceLoc& loc) const {
  uint32_t modifiers = field.modifiers;
  if (field.property) {
    const PropertyAccessor& accessor = writing ? field.property->setter : field.property->getter;
    constexpr uint32_t kAccess = kPublic | kGlobal | kProtected | kPrivate;
    if (accessor.modifiers & kAccess) modifiers = accessor.modifiers;
  }
  if (!canAccess(modifiers, field.owner)) fail(loc, Diagnostic::VariableNotVisible, field.name);
}

void Resolver::checkTypeAccess(const ClassSymbol& cls, const SourceLoc& loc) const {
  if (!cls.isProjectClass || canAccess(cls.modifiers, &cls)) return;
  fail(loc, Diagnostic::TypeNotVisible, cls.qualifiedName);
}

}  // namespace apex::sema
