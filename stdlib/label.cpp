// Apex Reference: Label Class. `Label.Greeting` compiles to
// `Label.get(null, 'Greeting')` (resolver_org_config.cpp); the labels and
// their translations are the project's (`labels/`, `translations/`).
#include "base/text.h"
#include "sema/org_config.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

// The label `name` in `namespace`: null or empty names the org's own, as
// does the project's namespace prefix; the project holds no other
// namespace's labels.
const sema::CustomLabel* findLabel(Interp& vm, const Value& ns, const Value& name) {
  const std::string& labelName = strArg(vm, name);
  const sema::OrgConfig& config = vm.orgConfig();
  bool ownNamespace = ns.isNull() || str(ns).empty() || text::equalsIgnoreAsciiCase(str(ns), config.namespacePrefix);
  return ownNamespace ? config.labels.find(labelName) : nullptr;
}

const sema::CustomLabel& requireLabel(Interp& vm, const Value& ns, const Value& name) {
  const sema::CustomLabel* label = findLabel(vm, ns, name);
  if (!label) vm.raise(errors::LabelNotFound, strArg(vm, name));
  return *label;
}

// get(namespace, label): in the running user's language.
Value get(Interp& vm, Value* args, int) {
  return vm.makeString(requireLabel(vm, args[0], args[1]).valueFor(vm.user().language));
}

// get(namespace, label, language): the translation into `language` when
// there is one, else the label's own value.
Value getInLanguage(Interp& vm, Value* args, int) {
  return vm.makeString(requireLabel(vm, args[0], args[1]).valueFor(strArg(vm, args[2])));
}

// translationExists(namespace, label, language): the label exists in that
// language, its own or a translation.
Value translationExists(Interp& vm, Value* args, int) {
  const sema::CustomLabel* label = findLabel(vm, args[0], args[1]);
  const std::string& language = strArg(vm, args[2]);
  if (!label) return boolean(false);
  std::string_view ownBase = std::string_view(label->language).substr(0, label->language.find('_'));
  bool own = text::equalsIgnoreAsciiCase(label->language, language) || text::equalsIgnoreAsciiCase(ownBase, language);
  return boolean(own || label->translation(language));
}

const sema::NativeDef kLabelNatives[] = {
    {"Label", "static String get(String, String)", &get},
    {"Label", "static String get(String, String, String)", &getInLanguage},
    {"Label", "static Boolean translationExists(String, String, String)", &translationExists},
};

}  // namespace

std::span<const sema::NativeDef> labelNatives() { return kLabelNatives; }

}  // namespace apex::stdlib
