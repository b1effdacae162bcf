#include "runtime/project/metadata_xml.h"

#include <charconv>

#include "base/text.h"

namespace apex::runtime {

std::variant<pugi::xml_node, std::string> loadXml(pugi::xml_document& doc, const std::filesystem::path& file,
                                                  const char* rootName) {
  pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (parsed.status == pugi::status_file_not_found || parsed.status == pugi::status_io_error)
    return file.string() + ": cannot be read";
  if (!parsed)
    return file.string() + ": not well-formed XML at offset " + std::to_string(parsed.offset) + " (" +
           parsed.description() + ")";
  pugi::xml_node root = doc.child(rootName);
  if (!root) return file.string() + ": the root element must be <" + rootName + ">";
  return root;
}

std::string textOf(pugi::xml_node node, const char* child) {
  return std::string(text::trimJava(node.child(child).text().as_string()));
}

bool flagOf(pugi::xml_node node, const char* child) {
  return text::equalsIgnoreAsciiCase(textOf(node, child), "true");
}

std::optional<int> numberOf(pugi::xml_node node, const char* child) {
  std::string value = textOf(node, child);
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return n;
}

}  // namespace apex::runtime
