#include "runtime/testing/test_suites.h"

#include <algorithm>
#include <pugixml.hpp>

#include "base/text.h"

namespace apex::runtime {
namespace {

constexpr std::string_view kSuiteSuffix = ".testSuite-meta.xml";

// The <testClassName> entries of one suite file, or what is wrong with it.
std::variant<std::vector<std::string>, std::string> readSuite(const std::filesystem::path& file) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (!parsed) return file.string() + ": not well-formed XML (" + parsed.description() + ")";
  pugi::xml_node suite = doc.child("ApexTestSuite");
  if (!suite) return file.string() + ": no <ApexTestSuite> element";
  std::vector<std::string> classes;
  for (pugi::xml_node entry : suite.children("testClassName")) {
    std::string name(text::trimJava(entry.text().get()));
    if (!name.empty()) classes.push_back(name);
  }
  return classes;
}

}  // namespace

std::variant<std::vector<std::string>, std::string> suiteTestClasses(const Project& project,
                                                                     const std::vector<std::string>& suiteNames) {
  std::vector<std::filesystem::path> files = project.componentFiles(kSuiteSuffix);
  std::vector<std::string> classes;
  for (const std::string& wanted : suiteNames) {
    std::string name(text::trimJava(wanted));
    auto file = std::find_if(files.begin(), files.end(), [&](const std::filesystem::path& f) {
      return text::equalsIgnoreAsciiCase(componentName(f, kSuiteSuffix), name);
    });
    if (file == files.end())
      return "no test suite named " + name + " in the project (testSuites/" + name + std::string(kSuiteSuffix) + ")";
    auto suite = readSuite(*file);
    if (auto* problem = std::get_if<std::string>(&suite)) return *problem;
    for (const std::string& cls : std::get<std::vector<std::string>>(suite)) {
      bool seen = std::any_of(classes.begin(), classes.end(),
                              [&](const std::string& c) { return text::equalsIgnoreAsciiCase(c, cls); });
      if (!seen) classes.push_back(cls);
    }
  }
  return classes;
}

}  // namespace apex::runtime
