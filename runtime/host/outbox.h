// The email of one transaction: what Messaging.sendEmail accepted, kept on
// this machine (nothing is ever sent), and the two forms `apexrun run
// --show-emails` and `apexrun test --show-emails` print it in.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "interp/ports.h"

namespace apex::runtime {

class Outbox : public interp::EmailPort {
 public:
  // Keeps `email` with the run's secrets replaced in everything it says.
  void queue(interp::OutboundEmail email) override;
  const std::vector<interp::OutboundEmail>& emails() const { return emails_; }

  // Applied to each message's text as it is kept, as the debug log's mask.
  void onMask(std::function<std::string(std::string_view)> mask) { mask_ = std::move(mask); }

 private:
  std::vector<interp::OutboundEmail> emails_;
  std::function<std::string(std::string_view)> mask_;
};

// The messages as a person reads them: recipients, subject, bodies and the
// attachments by name and size, one block each after a blank line; the
// properties not set are left out.
std::string describeEmails(const std::vector<interp::OutboundEmail>& emails);

// The same as JSON: one object per message (`toAddresses`, `subject`,
// `plainTextBody`, `attachments` with `fileName`, `contentType`, `size`, ...).
nlohmann::ordered_json emailsJson(const std::vector<interp::OutboundEmail>& emails);

}  // namespace apex::runtime
