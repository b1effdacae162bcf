#include "sema/program.h"

#include <algorithm>
#include <cctype>

#include "sema/class_source.h"
#include "sema/interfaces.h"
#include "sema/schema_catalog.h"
#include "sema/status_codes.h"

namespace apex::sema {

CompileError CompileError::at(int line, int column, std::string message) {
  CompileError error;
  error.line = line;
  error.column = column;
  error.message = std::move(message);
  return error;
}

namespace {

// Apex Reference: Database Namespace — result and context classes.
constexpr std::string_view kDatabaseTypes[] = {"SaveResult", "UpsertResult", "DeleteResult",         "UndeleteResult",
                                               "Error",      "QueryLocator", "QueryLocatorIterator", "MergeResult",
                                               "Cursor",     "PaginationCursor", "CursorFetchResult",
                                               "EmptyRecycleBinResult"};

// Apex Reference: Schema Namespace — the tokens and describe results. Apex
// names them with or without the namespace.
constexpr std::string_view kSchemaTypes[] = {"SObjectType",    "SObjectField",      "DescribeSObjectResult",
                                             "DescribeFieldResult", "SObjectTypeFields", "PicklistEntry",
                                             "ChildRelationship",   "RecordTypeInfo",    "SObjectTypeFieldSets",
                                             "FieldSet",            "FieldSetMember",    "DescribeTabSetResult",
                                             "DescribeTabResult",   "DescribeColorResult", "DescribeIconResult"};

// Apex Reference: DisplayType Enum.
constexpr std::string_view kDisplayTypes[] = {
    "ADDRESS",  "ANYTYPE", "BASE64",   "BOOLEAN",   "COMBOBOX", "COMPLEXVALUE",  "CURRENCY", "DATACATEGORYGROUPREFERENCE",
    "DATE",     "DATETIME", "DOUBLE",  "EMAIL",     "ENCRYPTEDSTRING", "FLOATARRAY", "ID",   "INTEGER",
    "JSON",     "LOCATION", "LONG",    "MULTIPICKLIST", "PERCENT", "PHONE",       "PICKLIST", "REFERENCE",
    "SOBJECT",  "STRING",   "TEXTAREA", "TIME",     "URL"};

// Apex Reference: SOAPType Enum.
constexpr std::string_view kSoapTypes[] = {"ANYTYPE", "BASE64BINARY", "BOOLEAN", "DATE",    "DATETIME",
                                           "DOUBLE",  "ID",           "INTEGER", "STRING", "TIME"};

// Apex Reference: SObjectDescribeOptions Enum.
constexpr std::string_view kDescribeOptions[] = {"DEFAULT", "DEFERRED", "FULL"};

// Apex Reference: LoggingLevel Enum.
constexpr std::string_view kLoggingLevels[] = {"NONE", "ERROR", "WARN",  "INFO",    "DEBUG",
                                               "FINE", "FINER", "FINEST", "INTERNAL"};

// Apex Reference: AccessLevel Class (its two values: the running user's
// permissions, or the system's).
constexpr std::string_view kAccessLevels[] = {"USER_MODE", "SYSTEM_MODE"};

// Apex Reference: AccessType Enum (Security.stripInaccessible).
constexpr std::string_view kAccessTypes[] = {"CREATABLE", "READABLE", "UPDATABLE", "UPSERTABLE"};

// Apex Reference: ApplicationReadWriteMode Enum.
constexpr std::string_view kApplicationReadWriteModes[] = {"DEFAULT", "READ_ONLY"};

// Apex Reference: ParentJobResult Enum (FinalizerContext.getResult()).
constexpr std::string_view kParentJobResults[] = {"SUCCESS", "UNHANDLED_EXCEPTION"};

// Apex Reference: Quiddity Enum (Request.getQuiddity()).
constexpr std::string_view kQuiddities[] = {
    "ANONYMOUS",           "AURA",
    "BATCH_ACS",           "BATCH_APEX",
    "BATCH_CHUNK_PARALLEL", "BATCH_CHUNK_SERIAL",
    "BULK_API",            "COMMERCE_INTEGRATION",
    "DISCOVERABLE_LOGIN",  "EXTERNAL_SERVICE_CALLBACK",
    "FUNCTION_CALLBACK",   "FUTURE",
    "INBOUND_EMAIL_SERVICE", "INVOCABLE_ACTION",
    "IOT",                 "PLATFORM_EVENT_PUBLISH_CALLBACK",
    "POST_INSTALL_SCRIPT", "QUEUEABLE",
    "QUICK_ACTION",        "REMOTE_ACTION",
    "REST",                "RUNTEST_ASYNC",
    "RUNTEST_DEPLOY",      "RUNTEST_SYNC",
    "SCHEDULED",           "SOAP",
    "SYNCHRONOUS",         "TRANSACTION_FINALIZER_QUEUEABLE",
    "VF"};

// Apex Reference: Decimal Class — RoundingMode.
constexpr std::string_view kRoundingModes[] = {"UP",      "DOWN",      "CEILING",   "FLOOR",
                                               "HALF_UP", "HALF_DOWN", "HALF_EVEN", "UNNECESSARY"};

// Apex Reference: JSONToken Enum, in the order of the Jackson tokens it
// mirrors (stdlib/json_text.h Token).
constexpr std::string_view kJsonTokens[] = {
    "NOT_AVAILABLE", "START_OBJECT", "END_OBJECT",   "START_ARRAY",        "END_ARRAY",        "FIELD_NAME", "VALUE_EMBEDDED_OBJECT",
    "VALUE_STRING",  "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT", "VALUE_TRUE", "VALUE_FALSE", "VALUE_NULL"};

}  // namespace

// Reads a NativeDef signature: `[static] Ret name(P1, P2)` or `new(P1)`.
class NativeSignatureParser {
 public:
  NativeSignatureParser(Program& program, std::string_view text) : program_(program), text_(text) {}

  std::unique_ptr<NativeMethod> parse() {
    auto m = std::make_unique<NativeMethod>();
    std::string first = word();
    if (first == "static") {
      m->isStatic = true;
      first = word();
    }
    if (first == "new") {
      m->isConstructor = true;
      m->isStatic = true;  // called without a receiver, like a static method
      m->name = "new";
      m->returnType = program_.types.voidType();
    } else {
      m->returnType = typeFrom(first);
      m->name = foldCase(word());
    }
    skipSpaces();
    if (peek() != '(') {
      m->isConstant = true;
      return m;
    }
    expect('(');
    skipSpaces();
    while (peek() != ')') {
      m->params.push_back(typeFrom(word()));
      skipSpaces();
      if (peek() == ',') ++pos_;
      skipSpaces();
    }
    return m;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skipSpaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  void expect(char c) {
    skipSpaces();
    if (peek() == c) ++pos_;
  }
  std::string word() {
    skipSpaces();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '.'))
      ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  const Type* typeFrom(const std::string& name) {
    std::string n = foldCase(name);
    TypeTable& t = program_.types;
    if (n == "void") return t.voidType();
    if (n == "t" || n == "k" || n == "v") return t.typeParam(char(std::toupper(n[0])));
    if (n == "list" || n == "set" || n == "map") {
      expect('<');
      const Type* a = typeFrom(word());
      const Type* b = nullptr;
      skipSpaces();
      if (peek() == ',') {
        ++pos_;
        b = typeFrom(word());
      }
      expect('>');
      if (n == "list") return t.list(a);
      if (n == "set") return t.set(a);
      return t.map(a, b);
    }
    if (const Type* p = t.primitiveByName(n)) return p;
    if (ClassSymbol* cls = program_.findClass(n)) {
      skipSpaces();
      if (cls->typeParameterCount == 0 || peek() != '<') return cls->type;
      expect('<');
      const Type* argument = typeFrom(word());
      expect('>');
      return t.classType(cls, argument);
    }
    return t.object();  // an unknown name in a table is a stdlib bug; be lenient
  }

  Program& program_;
  std::string_view text_;
  size_t pos_ = 0;
};

namespace {

std::unique_ptr<ClassSymbol> builtinClass(std::string name, std::string qualified, ClassKind kind) {
  auto cls = std::make_unique<ClassSymbol>();
  cls->name = std::move(name);
  cls->qualifiedName = std::move(qualified);
  cls->kind = kind;
  cls->isBuiltin = true;
  return cls;
}

}  // namespace

Program::Program(const StandardLibrary& library) : schema(sharedStandardSchema()) {
  auto exception = builtinClass("Exception", "System.Exception", ClassKind::Class);
  exception->isException = true;
  exceptionClass = addClass(std::move(exception));
  alias("Exception", exceptionClass);
  for (size_t i = 0; i < kSystemExceptionCount; ++i) {
    std::string_view name = kSystemExceptionNames[i];
    auto cls = builtinClass(std::string(name), "System." + std::string(name), ClassKind::Class);
    cls->isException = true;
    cls->superclass = exceptionClass;
    // Apex Developer Guide, "Exception Class and Built-In Exceptions": limit
    // and assertion failures cannot be caught.
    cls->isUncatchable = name == "LimitException" || name == "AssertException";
    systemExceptions_[i] = addClass(std::move(cls));
    alias(name, systemExceptions_[i]);
  }
  auto enumOf = [this](std::string_view name, auto& constants, std::string_view ns = "System") {
    auto cls = builtinClass(std::string(name), std::string(ns) + "." + std::string(name), ClassKind::Enum);
    for (std::string_view c : constants) cls->enumConstants.emplace_back(c);
    alias(name, addClass(std::move(cls)));
  };
  // The result types of the Database class's methods.
  for (std::string_view name : kDatabaseTypes)
    addClass(builtinClass(std::string(name), "Database." + std::string(name), ClassKind::Class));
  alias("Savepoint", addClass(builtinClass("Savepoint", "System.Savepoint", ClassKind::Class)));
  for (std::string_view name : kSchemaTypes)
    alias(name, addClass(builtinClass(std::string(name), "Schema." + std::string(name), ClassKind::Class)));
  enumOf("DisplayType", kDisplayTypes, "Schema");
  enumOf("SOAPType", kSoapTypes, "Schema");
  enumOf("SObjectDescribeOptions", kDescribeOptions, "Schema");
  enumOf("LoggingLevel", kLoggingLevels);
  enumOf("RoundingMode", kRoundingModes);
  enumOf("JSONToken", kJsonTokens);
  enumOf("ApplicationReadWriteMode", kApplicationReadWriteModes);
  enumOf("AccessLevel", kAccessLevels);
  enumOf("AccessType", kAccessTypes);
  enumOf("StatusCode", kStatusCodeNames);
  enumOf("Quiddity", kQuiddities);
  enumOf("TriggerOperation", kTriggerOperations);
  enumOf("ParentJobResult", kParentJobResults);
  addBuiltinInterfaces(*this);
  systemClasses = library.makeSystemClasses();
  loadNatives(library.natives);
}

Program::~Program() = default;

ClassSymbol* Program::addClass(std::unique_ptr<ClassSymbol> cls) {
  ClassSymbol* raw = cls.get();
  raw->type = types.classType(raw);
  classByName_[foldCase(raw->qualifiedName)] = raw;
  classes_.push_back(std::move(cls));
  return raw;
}

void Program::alias(std::string_view name, ClassSymbol* cls) { classByName_[foldCase(name)] = cls; }

ClassSymbol* Program::findClass(std::string_view name) const {
  auto it = classByName_.find(foldCase(name));
  return it == classByName_.end() ? nullptr : it->second;
}

void Program::hideClass(const ClassSymbol& cls) {
  auto outermost = [](const ClassSymbol* c) {
    while (c->outer) c = c->outer;
    return c;
  };
  std::erase_if(classByName_, [&](const auto& entry) { return outermost(entry.second) == &cls; });
}

const ClassError* Program::classError(std::string_view name) const {
  auto it = classErrors.find(foldCase(name));
  return it == classErrors.end() ? nullptr : &it->second;
}

std::vector<const TriggerSymbol*> Program::triggersOn(const SObjectType& object, TriggerEvent event) const {
  std::vector<const TriggerSymbol*> out;
  for (const auto& trigger : triggers)
    if (trigger->object == &object && trigger->handles(event)) out.push_back(trigger.get());
  return out;
}

std::string_view triggerEventName(TriggerEvent event) {
  static constexpr std::string_view kNames[] = {"BeforeInsert", "BeforeUpdate", "BeforeDelete", "AfterInsert",
                                                "AfterUpdate",  "AfterDelete",  "AfterUndelete"};
  return kNames[size_t(event)];
}

const std::vector<NativeMethod*>* Program::nativesOf(std::string_view owner) const {
  auto it = nativesByOwner_.find(foldCase(owner));
  return it == nativesByOwner_.end() ? nullptr : &it->second;
}


// Owners that are not types of their own (System, Math, Assert, Limits, ...)
// become built-in classes so that `Math.abs` resolves through a type name.
// The natives of a class written in Apex wait for the class: their
// signatures may name its inner classes (bindNatives).
void Program::loadNatives(std::span<const NativeDef> defs) {
  std::vector<std::string> apexClasses = systemClasses ? systemClasses->names() : std::vector<std::string>{};
  auto ofApexClass = [&](const std::string& owner) {
    return std::find(apexClasses.begin(), apexClasses.end(), owner) != apexClasses.end();
  };
  for (const NativeDef& def : defs) {
    std::string owner = foldCase(def.owner);
    if (ofApexClass(owner)) {
      unboundNatives_[owner].push_back(&def);
      continue;
    }
    bool isTypeOwner = types.primitiveByName(owner) || owner == "list" || owner == "set" ||
                       owner == "map" || findClass(owner);
    if (!isTypeOwner) {
      ClassSymbol* cls = addClass(builtinClass(std::string(def.owner), "System." + std::string(def.owner),
                                               ClassKind::Class));
      alias(def.owner, cls);
    }
  }
  for (const NativeDef& def : defs)
    if (!ofApexClass(foldCase(def.owner))) addNative(def);
}

void Program::bindNatives(std::string_view owner) {
  auto waiting = unboundNatives_.extract(foldCase(owner));
  if (waiting.empty()) return;
  for (const NativeDef* def : waiting.mapped()) addNative(*def);
}

namespace {

// Every instance method a stub of `stubbed` answers: its vtable, then the
// methods of the interfaces it (or a superclass) names that it leaves
// abstract, each signature once.
std::vector<const MethodSymbol*> stubbedMethods(const ClassSymbol& stubbed) {
  std::vector<const MethodSymbol*> methods = stubbed.vtable;
  auto has = [&](const MethodSymbol& m) {
    return std::any_of(methods.begin(), methods.end(), [&](const MethodSymbol* v) { return v->key == m.key; });
  };
  std::vector<const ClassSymbol*> interfaces;
  if (stubbed.kind == ClassKind::Interface) interfaces.push_back(&stubbed);
  for (const ClassSymbol* c = &stubbed; c; c = c->superclass)
    interfaces.insert(interfaces.end(), c->interfaces.begin(), c->interfaces.end());
  for (size_t i = 0; i < interfaces.size(); ++i) {
    const ClassSymbol* interface = interfaces[i];
    interfaces.insert(interfaces.end(), interface->interfaces.begin(), interface->interfaces.end());
    for (const auto& m : interface->ownMethods)
      if (!m->isStatic && !has(*m)) methods.push_back(m.get());
  }
  return methods;
}

}  // namespace

const ClassSymbol& Program::stubClassOf(const ClassSymbol& stubbed) {
  std::lock_guard lock(stubClassesMutex_);
  std::unique_ptr<ClassSymbol>& made = stubClasses_[&stubbed];
  if (made) return *made;
  auto stub = builtinClass(stubbed.name + "__sfdc_ApexStub", stubbed.qualifiedName + "__sfdc_ApexStub",
                           ClassKind::Class);
  stub->isBuiltin = false;
  if (stubbed.kind == ClassKind::Interface) stub->interfaces.push_back(&stubbed);
  else stub->superclass = &stubbed;
  stub->stubbedClass = &stubbed;
  stub->isException = stubbed.isException;
  stub->apiVersion = stubbed.apiVersion;
  stub->instanceFields = stubbed.instanceFields;
  stub->vtable = stubbedMethods(stubbed);
  stub->type = types.classType(stub.get());
  made = std::move(stub);
  return *made;
}

void Program::addNative(const NativeDef& def) {
  auto method = NativeSignatureParser(*this, def.signature).parse();
  method->def = &def;
  nativesByOwner_[foldCase(def.owner)].push_back(method.get());
  natives_.push_back(std::move(method));
}

}  // namespace apex::sema
