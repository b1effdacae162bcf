// Apex Reference: Schema Class — describeTabs(); DescribeTabSetResult Class;
// DescribeTabResult Class. The apps are the project's CustomApplications
// (`applications/`), in order of name, the first one selected; their tabs
// are those each app lists. Colors and icons are not described: the lists
// are empty (docs/differences.md).
#include "sema/org_config.h"
#include "stdlib/local_org.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

struct TabSetState : interp::NativeState {
  const sema::AppInfo* app = nullptr;
  bool selected = false;
  std::string toString() const override {
    return "Schema.DescribeTabSetResult[getLabel=" + app->label + ";isSelected=" +
           (selected ? "true" : "false") + ";]";
  }
};

struct TabState : interp::NativeState {
  const sema::AppTab* tab = nullptr;
  std::string label;  // the tab's own, else its object's plural label
  std::string toString() const override {
    return "Schema.DescribeTabResult[getLabel=" + label + ";getSobjectName=" + tab->sobjectName +
           ";isCustom=" + (tab->isCustom ? "true" : "false") + ";]";
  }
};

const TabSetState& tabSet(const Value& v) { return stateOf<TabSetState>(v); }
const TabState& tab(const Value& v) { return stateOf<TabState>(v); }

Value emptyListOf(Interp& vm, std::string_view cls) { return vm.makeList(vm.types().list(vm.findClass(cls)->type)); }

Value describeTabs(Interp& vm, Value*, int) {
  std::vector<Value> sets;
  for (const sema::AppInfo& app : vm.orgConfig().apps) {
    auto state = std::make_unique<TabSetState>();
    state->app = &app;
    state->selected = sets.empty();
    sets.push_back(vm.makeNativeInstance("Schema.DescribeTabSetResult", std::move(state), sizeof(TabSetState)));
  }
  return vm.makeList(vm.types().list(vm.findClass("Schema.DescribeTabSetResult")->type), std::move(sets));
}

// DescribeTabSetResult: getLabel(), getDescription(), getLogoUrl(),
// getNamespace(), isSelected(), getTabs().
Value tabSetLabel(Interp& vm, Value* args, int) { return vm.makeString(tabSet(args[0]).app->label); }
Value tabSetDescription(Interp& vm, Value* args, int) { return vm.makeString(tabSet(args[0]).app->description); }
Value tabSetLogoUrl(Interp& vm, Value* args, int) {
  const std::string& logo = tabSet(args[0]).app->logo;
  return vm.makeString(logo.empty() ? "" : std::string(kOrgDomainUrl) + "/" + logo);
}
Value tabSetNamespace(Interp& vm, Value*, int) { return vm.makeString(vm.orgConfig().namespacePrefix); }
Value tabSetSelected(Interp&, Value* args, int) { return boolean(tabSet(args[0]).selected); }

Value tabSetTabs(Interp& vm, Value* args, int) {
  std::vector<Value> tabs;
  for (const sema::AppTab& listed : tabSet(args[0]).app->tabs) {
    auto state = std::make_unique<TabState>();
    state->tab = &listed;
    const sema::SObjectType* object = vm.schema().object(listed.sobjectName);
    state->label = !listed.label.empty() ? listed.label : object ? object->labelPlural : listed.name;
    tabs.push_back(vm.makeNativeInstance("Schema.DescribeTabResult", std::move(state), sizeof(TabState)));
  }
  return vm.makeList(vm.types().list(vm.findClass("Schema.DescribeTabResult")->type), std::move(tabs));
}

// DescribeTabResult: getLabel(), getSobjectName(), getUrl(), isCustom(),
// getIconUrl(), getMiniIconUrl(), getColors(), getIcons(). An object's tab
// opens its list view; another tab its own page.
Value tabLabel(Interp& vm, Value* args, int) { return vm.makeString(tab(args[0]).label); }
Value tabSobjectName(Interp& vm, Value* args, int) { return vm.makeString(tab(args[0]).tab->sobjectName); }
Value tabCustom(Interp&, Value* args, int) { return boolean(tab(args[0]).tab->isCustom); }
Value tabUrl(Interp& vm, Value* args, int) {
  const sema::AppTab& shown = *tab(args[0]).tab;
  std::string path = shown.sobjectName.empty() ? "/lightning/n/" + shown.name : "/lightning/o/" + shown.sobjectName + "/home";
  return vm.makeString(std::string(kOrgDomainUrl) + path);
}
Value noIconUrl(Interp& vm, Value*, int) { return vm.makeString(""); }
Value tabColors(Interp& vm, Value*, int) { return emptyListOf(vm, "Schema.DescribeColorResult"); }
Value tabIcons(Interp& vm, Value*, int) { return emptyListOf(vm, "Schema.DescribeIconResult"); }

const sema::NativeDef kNatives[] = {
    {"Schema", "static List<Schema.DescribeTabSetResult> describeTabs()", &describeTabs},
    {"DescribeTabSetResult", "String getLabel()", &tabSetLabel},
    {"DescribeTabSetResult", "String getDescription()", &tabSetDescription},
    {"DescribeTabSetResult", "String getLogoUrl()", &tabSetLogoUrl},
    {"DescribeTabSetResult", "String getNamespace()", &tabSetNamespace},
    {"DescribeTabSetResult", "Boolean isSelected()", &tabSetSelected},
    {"DescribeTabSetResult", "List<Schema.DescribeTabResult> getTabs()", &tabSetTabs},
    {"DescribeTabResult", "String getLabel()", &tabLabel},
    {"DescribeTabResult", "String getSobjectName()", &tabSobjectName},
    {"DescribeTabResult", "String getUrl()", &tabUrl},
    {"DescribeTabResult", "Boolean isCustom()", &tabCustom},
    {"DescribeTabResult", "String getIconUrl()", &noIconUrl},
    {"DescribeTabResult", "String getMiniIconUrl()", &noIconUrl},
    {"DescribeTabResult", "List<Schema.DescribeColorResult> getColors()", &tabColors},
    {"DescribeTabResult", "List<Schema.DescribeIconResult> getIcons()", &tabIcons},
};

}  // namespace

std::span<const sema::NativeDef> describeTabsNatives() { return kNatives; }

}  // namespace apex::stdlib
