// The standard objects every org has, as data: `standard_objects.catalog`
// in this folder, a line-based text embedded into the binary by the build
// (cmake/embed_text.cmake). The file's header describes its format.
//
// A mistake in the catalog is found by the unit tests
// (tests/unit/schema_test.cpp parses it and requires no errors), never by a
// user's run: standardSchema() parses the same text and skips what it
// cannot read.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sema/schema.h"

namespace apex::sema {

struct CatalogParse {
  Schema schema;
  std::vector<std::string> errors;  // "standard_objects.catalog:12: unknown field type: strng"
};

// Reads a catalog text (the embedded one, or a test's); the schema is not
// linked yet, so that the caller can add to it first.
CatalogParse parseCatalog(std::string_view text, std::string_view fileName = "standard_objects.catalog");

// The embedded catalog's text.
std::string_view standardCatalogText();

// The built-in standard objects, linked (child relationships derived).
Schema standardSchema();
// The same, built once and shared: the schema of a program run outside a
// project.
std::shared_ptr<const Schema> sharedStandardSchema();

}  // namespace apex::sema
