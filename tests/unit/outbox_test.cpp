// The outbox of a transaction (runtime/host/outbox.h): what it keeps of the
// messages Messaging.sendEmail accepted, the run's secrets masked, and the
// forms --show-emails prints them in.
#include <catch2/catch.hpp>

#include "runtime/host/outbox.h"
#include "runtime/net/secrets.h"

using namespace apex;
using namespace apex::runtime;

namespace {

interp::OutboundEmail reportEmail() {
  interp::OutboundEmail email;
  email.toAddresses = {"ada@example.com"};
  email.subject = "Report";
  email.plainTextBody = "line one\nline two";
  email.attachments.push_back({"data.csv", "text/csv", "a,b\n", false});
  email.attachments.push_back({"logo.png", "", "x", true});
  return email;
}

}  // namespace

TEST_CASE("outbox: the run's secrets are masked in what it keeps", "[host][email]") {
  SecretMasker masker;
  masker.addSecret("tok-8c1f-2a77-secret");
  Outbox outbox;
  outbox.onMask([&](std::string_view text) { return masker.mask(text); });
  interp::OutboundEmail email = reportEmail();
  email.subject = "Your token tok-8c1f-2a77-secret";
  email.plainTextBody = "Use tok-8c1f-2a77-secret to sign in.";
  email.toAddresses = {"tok-8c1f-2a77-secret@example.com"};
  outbox.queue(email);
  REQUIRE(outbox.emails().size() == 1);
  const interp::OutboundEmail& kept = outbox.emails()[0];
  CHECK(kept.subject == "Your token ****");
  CHECK(kept.plainTextBody == "Use **** to sign in.");
  CHECK(kept.toAddresses[0] == "****@example.com");
}

TEST_CASE("outbox: messages as a person reads them", "[host][email]") {
  std::string expected =
      "\nEmail 1 of 1\n"
      "  To:          ada@example.com\n"
      "  Subject:     Report\n"
      "  Attachment:  data.csv (text/csv, 4 bytes)\n"
      "  Attachment:  logo.png (inline, 1 byte)\n"
      "  Text body:\n"
      "    line one\n"
      "    line two\n";
  CHECK(describeEmails({reportEmail()}) == expected);
  CHECK(describeEmails({}).empty());
}

TEST_CASE("outbox: a target object that is not a recipient says so", "[host][email]") {
  interp::OutboundEmail email;
  email.toAddresses = {"ada@example.com"};
  email.targetObjectId = "003000000000001AAA";
  email.targetIsRecipient = false;
  email.templateId = "00X000000000001AAA";
  CHECK(describeEmails({email}) ==
        "\nEmail 1 of 1\n"
        "  To:          ada@example.com\n"
        "  Target:      003000000000001AAA (not a recipient)\n"
        "  Template:    00X000000000001AAA\n");
  CHECK(emailsJson({email})[0]["treatTargetObjectAsRecipient"] == false);
}

TEST_CASE("outbox: messages as JSON", "[host][email]") {
  nlohmann::ordered_json json = emailsJson({reportEmail()});
  REQUIRE(json.size() == 1);
  CHECK(json[0]["toAddresses"] == nlohmann::ordered_json::array({"ada@example.com"}));
  CHECK(json[0]["ccAddresses"].empty());
  CHECK(json[0]["subject"] == "Report");
  CHECK(json[0]["attachments"][1]["fileName"] == "logo.png");
  CHECK(json[0]["attachments"][1]["size"] == 1);
  CHECK(json[0]["attachments"][1]["inline"] == true);
}
