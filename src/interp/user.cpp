// Interp's running user and time zone, and built-in enum constants (interp.h).
#include "base/zones.h"
#include "interp/interp.h"
#include "sema/program.h"

namespace apex::interp {

const UserContext& UserContext::defaults() {
  static const UserContext user;
  return user;
}

const UserContext& Interp::user() const { return user_ ? *user_ : UserContext::defaults(); }

const Zone& Interp::userZone() const {
  if (!userZone_) userZone_ = Zone::forId(user().timeZone);
  return *userZone_;
}

void Interp::setUser(const UserContext* user) {
  user_ = user;
  userZone_.reset();
}

Value Interp::makeEnum(std::string_view className, uint32_t ordinal) {
  return Value::enumValue(program_.findClass(className), ordinal);
}

}  // namespace apex::interp
