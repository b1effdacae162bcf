// Interp's running user and time zone, and built-in enum constants (interp.h).
#include "interp/interp.h"
#include "interp/zones.h"
#include "runtime/user_context.h"
#include "sema/program.h"

namespace apex::interp {

const runtime::UserContext& Interp::user() const { return user_ ? *user_ : runtime::UserContext::defaults(); }

const Zone& Interp::userZone() const {
  if (!userZone_) userZone_ = Zone::forId(user().timeZone);
  return *userZone_;
}

void Interp::setUser(const runtime::UserContext* user) {
  user_ = user;
  userZone_.reset();
}

Value Interp::makeEnum(std::string_view className, uint32_t ordinal) {
  return Value::enumValue(program_.findClass(className), ordinal);
}

}  // namespace apex::interp
