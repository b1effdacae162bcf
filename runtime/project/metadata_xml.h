// Reading a metadata file's XML: its root element, a child's trimmed text,
// a boolean child. Errors name the file.
#pragma once

#include <filesystem>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <variant>

namespace apex::runtime {

// The root element `rootName` of `file`; the error says why there is none.
std::variant<pugi::xml_node, std::string> loadXml(pugi::xml_document& doc, const std::filesystem::path& file,
                                                  const char* rootName);

// The text of `node`'s child `child`, trimmed; empty when there is none.
std::string textOf(pugi::xml_node node, const char* child);
// Whether `node`'s child `child` says true.
bool flagOf(pugi::xml_node node, const char* child);
// `node`'s child `child` as a whole number; nullopt when it is not one.
std::optional<int> numberOf(pugi::xml_node node, const char* child);

}  // namespace apex::runtime
