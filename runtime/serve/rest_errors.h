// Answers in the REST API's JSON shape, shared by the resources of
// `apexrun serve` (rest_api.cpp, tooling_api.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/serve/rest_api.h"

namespace apex::runtime {

// Text that is not UTF-8 (a decoded %B1 in a path that an error names)
// goes out as U+FFFD: the body stays JSON.
inline RestAnswer jsonAnswer(int status, const nlohmann::ordered_json& body) {
  return {status, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace), {}, ""};
}

// `[{"message": ..., "errorCode": ..., "fields": [...]}]`
inline RestAnswer errorAnswer(int status, std::string_view code, std::string_view message,
                              const std::vector<std::string>& fields = {}) {
  nlohmann::ordered_json error = {{"message", message}, {"errorCode", code}};
  if (!fields.empty()) error["fields"] = fields;
  return jsonAnswer(status, nlohmann::ordered_json::array({error}));
}

inline RestAnswer notFoundAnswer() { return errorAnswer(404, "NOT_FOUND", "The requested resource does not exist"); }

}  // namespace apex::runtime
