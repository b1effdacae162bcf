// `apexrun run --explain`: what can be known about a script's use of
// HttpRequest before it runs: a request sent without an endpoint or a
// method, a JSON body built and never set (or not valid JSON), and an
// Authorization header written by hand with a merge field.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"

namespace apex::sema {

struct RequestHint {
  int line = 0;
  std::string text;
};

// The hints for a resolved anonymous block, in line order.
std::vector<RequestHint> explainRequests(const ast::AnonymousUnit& unit);

}  // namespace apex::sema
