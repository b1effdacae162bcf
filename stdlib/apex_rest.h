// Apex REST on the server side (Apex Developer Guide: "Exposing Apex Classes
// as REST Web Services"): one request answered by a @RestResource class's
// @HttpGet/@HttpPost/... method, with RestContext set, the JSON body bound to
// the method's parameters by name and the return value serialized as JSON.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "interp/interp.h"

namespace apex::stdlib::rest {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string httpMethod;    // GET, POST, PUT, PATCH, DELETE
  std::string requestURI;    // after /services/apexrest: `/Accounts/001`
  std::string resourcePath;  // `/services/apexrest/Accounts/*`
  std::string remoteAddress;
  Fields headers;
  Fields params;  // the query string
  std::string body;
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;
};

// An error the platform answers itself, before or around the Apex method:
// `[{"errorCode":"NOT_FOUND","message":"..."}]`.
std::string errorBody(std::string_view errorCode, std::string_view message);

// Answers `request` with `method`, a static method of a @RestResource class,
// in `vm`'s transaction. An uncaught Apex exception leaves through ApexThrow.
Response invoke(interp::Interp& vm, const sema::MethodSymbol& method, const Request& request);

}  // namespace apex::stdlib::rest
