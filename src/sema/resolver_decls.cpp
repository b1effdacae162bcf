// Resolver, part 1: classes, members, layout and the order of resolution.
#include <algorithm>

#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

void Resolver::throwCompileError(const SourceLoc& loc, std::string message) {
  throw CompileFailure{CompileError::at(loc.line, loc.column, std::move(message))};
}

std::optional<CompileError> resolveAnonymous(Program& program, AnonymousUnit& unit) {
  try {
    Resolver(program).resolveAnonymous(unit);
  } catch (const CompileFailure& failure) {
    return failure.error;
  }
  return std::nullopt;
}

// An anonymous block is an implicit class: its local methods are its static
// methods, its local types its inner types, its statements a static body.
void Resolver::resolveAnonymous(AnonymousUnit& unit) {
  auto anon = std::make_unique<ClassSymbol>();
  anon->name = anon->qualifiedName = "AnonymousBlock";
  anon->isTopLevelAnonymous = true;
  ClassSymbol* cls = program_.addClass(std::move(anon));
  program_.anonymous = &unit;
  program_.anonymousClass = cls;

  for (auto& type : unit.types) declareType(*type, nullptr);
  for (ClassSymbol* c : userClasses_) resolveHeader(*c);
  for (ClassSymbol* c : userClasses_) declareMembers(*c);
  // `static` on a local method changes nothing: they all are statics of
  // the block. (The Apex Developer Guide says they can't be static, but
  // Salesforce compiles them.)
  for (MethodDecl& m : unit.methods) {
    MethodSymbol* method = declareMethod(*cls, m);
    method->isStatic = true;
  }
  declareAnonymousVariables(*cls, *unit.body);
  for (ClassSymbol* c : userClasses_) layout(*c);
  layout(*cls);
  for (ClassSymbol* c : userClasses_) checkImplementsAll(*c);
  for (ClassSymbol* c : userClasses_) resolveBodies(*c);
  resolveBodies(*cls);

  ctx_ = Context{};
  ctx_.cls = cls;
  ctx_.isStatic = true;
  ctx_.returnType = types_.voidType();
  nextSlot_ = maxSlots_ = 0;
  scopes_.clear();
  pushScope();
  anonymousTopScope_ = scopes_.size() + 1;  // block() pushes the body's scope
  block(*unit.body);
  anonymousTopScope_ = 0;
  popScope();
  program_.bodyLocals = maxSlots_;
  program_.classesInOrder.assign(userClasses_.begin(), userClasses_.end());
}

// Apex Developer Guide, "Anonymous Blocks": a block's local methods may use
// the variables declared at its top level, so those become statics of the
// block's implicit class. The body still sees each only after its declaration.
void Resolver::declareAnonymousVariables(ClassSymbol& anon, BlockStmt& body) {
  ctx_ = Context{};
  ctx_.cls = &anon;
  for (StmtPtr& s : body.statements) {
    if (s->kind != StmtKind::LocalVar) continue;
    auto& decl = s->as<LocalVarStmt>();
    const Type* type = resolveType(decl.typeName);
    for (VarDeclarator& d : decl.declarators) {
      if (ownField(anon, foldCase(d.name))) continue;  // the body reports the duplicate
      auto f = std::make_unique<FieldSymbol>();
      f->name = d.name;
      f->type = type;
      f->modifiers = decl.isFinal ? uint32_t(kFinal) : 0u;
      f->isStatic = true;
      f->owner = &anon;
      f->loc = d.loc;
      anon.ownFields.push_back(std::move(f));
    }
  }
}

const FieldSymbol* Resolver::ownField(const ClassSymbol& cls, const std::string& folded) {
  for (const auto& f : cls.ownFields) {
    if (foldCase(f->name) == folded) return f.get();
  }
  return nullptr;
}

ClassSymbol* Resolver::declareType(TypeDecl& decl, ClassSymbol* outer) {
  std::string qualified = outer && !outer->isTopLevelAnonymous ? outer->qualifiedName + "." + decl.name
                                                               : decl.name;
  if (program_.findClass(qualified) && !program_.findClass(qualified)->isBuiltin)
    fail(decl.loc, Diagnostic::DuplicateTypeName, decl.name);
  auto symbol = std::make_unique<ClassSymbol>();
  symbol->name = decl.name;
  symbol->qualifiedName = qualified;
  symbol->kind = decl.kind == TypeDeclKind::Interface ? ClassKind::Interface
                 : decl.kind == TypeDeclKind::Enum    ? ClassKind::Enum
                                                      : ClassKind::Class;
  symbol->modifiers = decl.modifiers;
  symbol->outer = outer;
  symbol->decl = &decl;
  for (const auto& constant : decl.enumConstants) symbol->enumConstants.push_back(constant.first);
  ClassSymbol* cls = program_.addClass(std::move(symbol));
  decl.symbol = cls;
  declaredInto_->push_back(cls);
  if (outer) outer->innerClasses.push_back(cls);
  for (auto& inner : decl.innerTypes) declareType(*inner, cls);
  return cls;
}

void Resolver::resolveHeader(ClassSymbol& cls) {
  const TypeDecl& decl = *cls.decl;
  ctx_ = Context{};
  ctx_.cls = &cls;
  if (decl.superclass) {
    const Type* super = resolveType(*decl.superclass);
    if (super->kind != TypeKind::Class || super->cls->kind != ClassKind::Class)
      fail(decl.superclass->loc, Diagnostic::InvalidType, decl.superclass->text());
    if (super->cls->isProjectClass && !(super->cls->decl->modifiers & (ast::kVirtual | ast::kAbstract)))
      fail(decl.superclass->loc, Diagnostic::TypeCannotBeExtended, super->cls->name);
    // The standard library's classes written in Apex extend one another
    // (SingleEmailMessage extends Messaging.Email); a project's may not.
    if (!super->cls->isBuiltin && isPlatformClass(*super->cls) && !isPlatformClass(cls))
      fail(decl.superclass->loc, Diagnostic::TypeCannotBeExtended, super->cls->qualifiedName);
    cls.superclass = super->cls;
    if (super->cls->isException) cls.isException = true;
  }
  if (cls.isException && !foldCase(cls.name).ends_with("exception"))
    fail(decl.loc, Diagnostic::ExceptionClassName, cls.name);
  for (const TypeName& i : decl.interfaces) {
    const Type* iface = resolveType(i);
    if (iface->kind != TypeKind::Class) fail(i.loc, Diagnostic::InvalidInterface, i.text());
    cls.interfaces.push_back(iface->cls);
  }
}

std::string Resolver::methodKey(const std::string& name, const std::vector<const Type*>& params) {
  std::string key = foldCase(name) + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) key += ',';
    key += foldCase(params[i]->name);
  }
  return key + ")";
}

void Resolver::declareMembers(ClassSymbol& cls) {
  TypeDecl& decl = *cls.decl;
  ctx_ = Context{};
  ctx_.cls = &cls;
  for (const FieldDecl& f : decl.fields) declareField(cls, f);
  for (const PropertyDecl& p : decl.properties) declareProperty(cls, p);
  for (MethodDecl& m : decl.methods) declareMethod(cls, m);
  for (Initializer& init : decl.initializers)
    (init.isStatic ? cls.staticBlocks : cls.instanceBlocks).push_back(&init);
  cls.instanceInit = addSyntheticMethod(cls, "<init>", false);
  cls.staticInit = addSyntheticMethod(cls, "<clinit>", true);
}

MethodSymbol* Resolver::addSyntheticMethod(ClassSymbol& cls, std::string name, bool isStatic) {
  auto m = std::make_unique<MethodSymbol>();
  m->name = std::move(name);
  m->owner = &cls;
  m->isStatic = isStatic;
  m->returnType = types_.voidType();
  MethodSymbol* raw = m.get();
  cls.ownMethods.push_back(std::move(m));
  return raw;
}

void Resolver::declareField(ClassSymbol& cls, const FieldDecl& field) {
  const Type* type = resolveType(field.typeName);
  for (const VarDeclarator& d : field.declarators) {
    if (ownField(cls, foldCase(d.name))) fail(d.loc, Diagnostic::DuplicateField, d.name);
    auto f = std::make_unique<FieldSymbol>();
    f->name = d.name;
    f->type = type;
    f->modifiers = field.modifiers;
    f->isStatic = (field.modifiers & kStatic) != 0;
    f->owner = &cls;
    f->init = d.init.get();
    f->loc = d.loc;
    cls.ownFields.push_back(std::move(f));
  }
}

void Resolver::declareProperty(ClassSymbol& cls, const PropertyDecl& prop) {
  auto f = std::make_unique<FieldSymbol>();
  f->name = prop.name;
  f->type = resolveType(prop.typeName);
  f->modifiers = prop.modifiers;
  f->isStatic = (prop.modifiers & kStatic) != 0;
  f->isProperty = true;
  f->owner = &cls;
  f->property = &prop;
  f->loc = prop.loc;
  FieldSymbol* field = f.get();
  cls.ownFields.push_back(std::move(f));
  if (prop.getter.present && prop.getter.body) {
    MethodSymbol* g = addSyntheticMethod(cls, "get " + prop.name, field->isStatic);
    g->returnType = field->type;
    g->body = prop.getter.body.get();
    g->accessorOf = field;
    g->loc = prop.getter.loc;
    field->getter = g;
  }
  if (prop.setter.present && prop.setter.body) {
    MethodSymbol* s = addSyntheticMethod(cls, "set " + prop.name, field->isStatic);
    s->params.push_back(field->type);
    s->body = prop.setter.body.get();
    s->accessorOf = field;
    s->loc = prop.setter.loc;
    field->setter = s;
  }
}

MethodSymbol* Resolver::declareMethod(ClassSymbol& cls, MethodDecl& decl) {
  auto m = std::make_unique<MethodSymbol>();
  m->name = decl.isConstructor ? "<ctor>" : decl.name;
  m->owner = &cls;
  m->modifiers = decl.modifiers;
  m->isStatic = (decl.modifiers & kStatic) != 0;
  m->isConstructor = decl.isConstructor;
  m->decl = &decl;
  m->body = decl.body.get();
  m->loc = decl.loc;
  m->returnType = decl.isConstructor ? types_.voidType()
                  : decl.returnType.isVoid() ? types_.voidType()
                                             : resolveType(decl.returnType);
  for (const Param& p : decl.params) m->params.push_back(resolveType(p.typeName));
  m->isAbstract = !decl.body;
  m->isFuture = findAnnotation(decl.annotations, "future") != nullptr;
  m->key = methodKey(m->name, m->params);
  if (decl.isConstructor && cls.isException && isStandardExceptionConstructor(m->params))
    fail(decl.loc, Diagnostic::ExceptionConstructorAlreadyDefined, typeNames(m->params, ", "));
  for (const auto& existing : cls.ownMethods) {
    if (existing->key == m->key && existing->decl)
      fail(decl.loc, Diagnostic::MethodAlreadyDefined, decl.name);
  }
  decl.symbol = m.get();
  MethodSymbol* raw = m.get();
  cls.ownMethods.push_back(std::move(m));
  return raw;
}

// The four constructors every exception has: (), (String), (Exception),
// (String, Exception).
bool Resolver::isStandardExceptionConstructor(const std::vector<const Type*>& params) const {
  auto isString = [&](const Type* t) { return t == types_.string(); };
  auto isException = [&](const Type* t) { return t == program_.exceptionClass->type; };
  switch (params.size()) {
    case 0: return true;
    case 1: return isString(params[0]) || isException(params[0]);
    case 2: return isString(params[0]) && isException(params[1]);
    default: return false;
  }
}

// A concrete class must implement every abstract method it inherits.
void Resolver::checkImplementsAll(const ClassSymbol& cls) {
  if (cls.kind != ClassKind::Class || (cls.modifiers & kAbstract)) return;
  std::vector<const ClassSymbol*> interfaces;
  for (const ClassSymbol* c = &cls; c; c = c->superclass) {
    for (const ClassSymbol* i : c->interfaces) interfaces.push_back(i);
  }
  for (size_t k = 0; k < interfaces.size(); ++k) {
    for (const ClassSymbol* parent : interfaces[k]->interfaces) interfaces.push_back(parent);
  }
  // A built-in generic interface's T is bound by the implementing class
  // (compare(Point, Point) implements Comparator<Point>): match on arity.
  auto matches = [](const MethodSymbol& m, const MethodSymbol& abstract) {
    if (!abstract.owner->isBuiltin || abstract.owner->typeParameterCount == 0) return m.key == abstract.key;
    return foldCase(m.name) == foldCase(abstract.name) && m.params.size() == abstract.params.size();
  };
  auto implemented = [&](const MethodSymbol& abstract) {
    return std::any_of(cls.vtable.begin(), cls.vtable.end(),
                       [&](const MethodSymbol* m) { return m->body && matches(*m, abstract); });
  };
  // An interface may declare toString(), equals(Object) or hashCode(),
  // which every class has from Object.
  auto fromObject = [](const MethodSymbol& m) {
    return m.key == "tostring()" || m.key == "hashcode()" || m.key == "equals(object)";
  };
  auto check = [&](const MethodSymbol& m) {
    bool declared = m.decl || m.owner->isBuiltin;
    if (!declared || m.body || m.isStatic || m.isConstructor || implemented(m) || fromObject(m)) return;
    const std::string& owner = m.owner->isBuiltin ? m.owner->qualifiedName : m.owner->name;
    fail(cls.decl->loc, Diagnostic::MissingInterfaceMethod, cls.name, m.returnType->name, owner, m.name,
         typeNames(m.params, ", "));
  };
  for (const ClassSymbol* i : interfaces) {
    for (const auto& m : i->ownMethods) check(*m);
  }
  for (const MethodSymbol* m : cls.vtable) check(*m);
}

// Lays out instance slots (inherited first), static slots and the vtable.
void Resolver::layout(ClassSymbol& cls) {
  if (!cls.instanceFields.empty() || cls.staticBase >= 0) return;
  if (cls.superclass && !cls.superclass->isBuiltin) layout(const_cast<ClassSymbol&>(*cls.superclass));
  if (cls.superclass) {
    cls.instanceFields = cls.superclass->instanceFields;
    cls.vtable = cls.superclass->vtable;
  }
  cls.staticBase = program_.staticSlots;
  for (auto& f : cls.ownFields) {
    if (f->isStatic) {
      f->slot = program_.staticSlots++;
      cls.staticFields.push_back(f.get());
    } else {
      f->slot = int(cls.instanceFields.size());
      cls.instanceFields.push_back(f.get());
    }
  }
  for (auto& m : cls.ownMethods) {
    if (m->isStatic || m->isConstructor || !m->decl) continue;
    auto slot = std::find_if(cls.vtable.begin(), cls.vtable.end(),
                             [&](const MethodSymbol* v) { return v->key == m->key; });
    if (slot != cls.vtable.end()) {
      m->vtableIndex = (*slot)->vtableIndex;
      *slot = m.get();
    } else {
      m->vtableIndex = int(cls.vtable.size());
      cls.vtable.push_back(m.get());
    }
  }
}

void Resolver::resolveBodies(ClassSymbol& cls) {
  for (auto& m : cls.ownMethods) {
    if (m->body && m.get() != cls.instanceInit && m.get() != cls.staticInit) resolveMethodBody(cls, *m);
  }
  if (cls.decl) {
    resolveInitializers(cls, true);
    resolveInitializers(cls, false);
  }
}

void Resolver::resolveMethodBody(ClassSymbol& cls, MethodSymbol& method) {
  ctx_ = Context{};
  ctx_.cls = &cls;
  ctx_.method = &method;
  ctx_.isStatic = method.isStatic;
  ctx_.returnType = method.returnType;
  ctx_.accessorOf = method.accessorOf;
  ctx_.isConstructor = method.isConstructor;
  scopes_.clear();
  nextSlot_ = maxSlots_ = 0;
  loopDepth_ = 0;
  pushScope();
  if (method.accessorOf) {
    if (!method.params.empty()) declareLocal("value", method.params[0], false, method.loc);
  } else {
    for (size_t i = 0; i < method.params.size(); ++i) {
      const Param& p = method.decl->params[i];
      declareLocal(p.name, method.params[i], p.isFinal, p.loc);
    }
  }
  block(*method.body);
  popScope();
  method.localCount = maxSlots_;
  bool needsReturn = method.returnType->kind != TypeKind::Void;
  if (needsReturn && !alwaysCompletesAbruptly(*method.body))
    fail(method.loc, Diagnostic::MissingReturnStatement, method.returnType->name);
}

// Field initializers and initializer blocks of one kind, in declaration
// order, all sharing the frame of the synthetic init method.
void Resolver::resolveInitializers(ClassSymbol& cls, bool statics) {
  MethodSymbol& init = const_cast<MethodSymbol&>(statics ? *cls.staticInit : *cls.instanceInit);
  ctx_ = Context{};
  ctx_.cls = &cls;
  ctx_.method = &init;
  ctx_.isStatic = statics;
  ctx_.returnType = types_.voidType();
  scopes_.clear();
  nextSlot_ = maxSlots_ = 0;
  pushScope();
  for (FieldDecl& fd : cls.decl->fields) {
    if (((fd.modifiers & kStatic) != 0) != statics) continue;
    for (VarDeclarator& d : fd.declarators) {
      if (!d.init) continue;
      FieldSymbol& f = const_cast<FieldSymbol&>(*findField(&cls, foldCase(d.name)));
      expr(d.init);
      requireAssignable(d.init, f.type, d.loc);
      f.init = d.init.get();
    }
  }
  for (Initializer* initializer : statics ? cls.staticBlocks : cls.instanceBlocks) block(*initializer->body);
  popScope();
  init.localCount = maxSlots_;
}

int Resolver::declareLocal(const std::string& name, const Type* type, bool isFinal, const SourceLoc& loc) {
  std::string folded = foldCase(name);
  if (findLocal(folded)) fail(loc, Diagnostic::DuplicateVariable, name);
  int slot = nextSlot_++;
  maxSlots_ = std::max(maxSlots_, nextSlot_);
  scopes_.back().push_back(Local{folded, type, slot, isFinal});
  return slot;
}

const Resolver::Local* Resolver::findLocal(const std::string& folded) const {
  for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
    for (const Local& l : *scope) {
      if (l.folded == folded) return &l;
    }
  }
  return nullptr;
}

}  // namespace apex::sema
